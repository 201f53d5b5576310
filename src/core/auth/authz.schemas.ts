import { Type } from 'typebox';

export const Permission = Type.Object({
  id: Type.Integer(),
  app_label: Type.String(),
  model: Type.String(),
  codename: Type.String(),
  name: Type.String(),
});

export const Group = Type.Object({ id: Type.Integer(), name: Type.String(), permissions: Type.Array(Type.Integer()) });

const PermissionIds = Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 500 });
const GroupName = Type.String({ minLength: 1, maxLength: 150 });

export const GroupCreate = Type.Object({ name: GroupName, permissions: Type.Optional(PermissionIds) });
export const GroupUpdate = Type.Object({ name: Type.Optional(GroupName), permissions: Type.Optional(PermissionIds) });
export const GroupId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const AgentId = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AgentGroupsBody = Type.Object({
  group_ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 500 }),
});

/**
 * `PATCH /api/v1/me/`: a user changes their own name and telephone, under seed 002's names or
 * Retaguarda's. Other fields (`username`, `is_staff`, `perfil`…) are ignored, as DRF's read-only fields are.
 */
export const MeUpdate = Type.Object({
  display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  nome_completo: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  phone_number: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
  telefone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
});
