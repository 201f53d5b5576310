import { Type } from 'typebox';
import { pageQuery } from '../http/pagination.js';

const Perfil = Type.Union([Type.Literal('ADMINISTRADOR'), Type.Literal('APROVADOR'), Type.Literal('OPERADOR')]);

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  nome_completo: Type.String(),
  email: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  telefone: Type.Union([Type.String(), Type.Null()]),
  perfil: Perfil,
  status_ativo: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  last_login: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const Me = Type.Object({
  ...User.properties,
  modules: Type.Array(Type.String(), { description: 'Módulos habilitados neste serviço' }),
});

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 254, description: 'Nome de usuário ou e-mail' }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const TokenPair = Type.Object({ refresh: Type.String(), access: Type.String() });
export const RefreshBody = Type.Object({ refresh: Type.String({ minLength: 1, maxLength: 4096 }) });
export const RefreshReply = Type.Object({ access: Type.String(), refresh: Type.String() });
export const SessionReply = Type.Object({ access: Type.String(), user: Me });
export const Health = Type.Object({ status: Type.String(), version: Type.String() });

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 256 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Phone = Type.Union([Type.String({ maxLength: 32 }), Type.Null()]);

export const UserCreate = Type.Object(
  {
    nome_completo: Name,
    email: Email,
    telefone: Type.Optional(Phone),
    perfil: Perfil,
    password: Password,
    status_ativo: Type.Optional(Type.Boolean()),
    permissions: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const UserUpdate = Type.Partial(UserCreate, { additionalProperties: false });

export const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const PageQuery = Type.Object(pageQuery());

export const UserPage = Type.Object({
  count: Type.Integer(),
  next: Type.Union([Type.String(), Type.Null()]),
  previous: Type.Union([Type.String(), Type.Null()]),
  results: Type.Array(User),
});
