import type { Generated } from 'kysely';
/** Permissions as Django names them: a route requires `app_label.codename`. */
export interface AuthPermissionsTable {
  id: Generated<number>;
  app_label: string;
  codename: string;
  model: string;
  name: string;
}

export interface AuthGroupsTable {
  id: Generated<number>;
  name: string;
}

export interface AuthGroupPermissionsTable {
  group_id: number;
  permission_id: number;
}

export interface AuthUserGroupsTable {
  user_id: string;
  group_id: number;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable shape.
export type AuthzTables = {
  auth_permissions: AuthPermissionsTable;
  auth_groups: AuthGroupsTable;
  auth_group_permissions: AuthGroupPermissionsTable;
  auth_user_groups: AuthUserGroupsTable;
};
