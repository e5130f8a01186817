/// Grant matching, the same rule as the server's `PermissionMatches` (src/auth/rules.cpp):
/// both sides have exactly three `:`-separated segments and a `*` in the grant matches one whole
/// segment of the permission (`org:*:read` covers `org:school:read`, not `org:school:update`).
export function permissionMatches(grant: string, permission: string): boolean {
  const g = grant.split(':')
  const p = permission.split(':')
  if (g.length !== 3 || p.length !== 3) return false
  return g.every((segment, i) => segment === '*' || segment === p[i])
}

/// True when one of the grants covers the permission.
export function hasPermission(grants: readonly string[], permission: string): boolean {
  return grants.some((grant) => permissionMatches(grant, permission))
}
