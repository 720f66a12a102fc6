import type { Catalogue } from '../domain';

/** The role names the catalogue's duties use: who is responsible, and to whom each escalation step goes. */
export function catalogueRoles(catalogue: Catalogue): string[] {
  const roles = new Set<string>();
  for (const duty of catalogue.duties) {
    roles.add(duty.responsible.role);
    for (const step of duty.escalation) roles.add(step.toRole);
  }
  return [...roles].sort((a, b) => a.localeCompare(b));
}

/**
 * A hint for roles no duty names: escalation finds members by the role's exact name, so a near miss
 * ("Monitoring Officer") silently reaches nobody. Any role is still accepted.
 */
export function roleHint(roles: readonly string[], known: readonly string[]): string | undefined {
  const unknown = [...new Set(roles.filter((role) => !known.includes(role)))];
  if (unknown.length === 0) return undefined;
  const nearMisses = unknown
    .map((role) => ({ role, match: known.find((candidate) => candidate.toLowerCase() === role.toLowerCase()) }))
    .filter((pair): pair is { role: string; match: string } => pair.match !== undefined)
    .map(({ role, match }) => `"${role}": did you mean "${match}"?`);
  return [
    `${unknown.map((role) => `"${role}"`).join(', ')} ${unknown.length === 1 ? 'is not a role' : 'are not roles'} the catalogue's duties name, so no escalation will find a member by it.`,
    ...nearMisses,
    `Roles the duties use: ${known.join(', ')}.`,
  ].join(' ');
}
