import { currentDutyDefinitionInputSchema, type CurrentDutyDefinitionInput } from '../src/contracts/dutyActivities';
import { dutyDefinitionOf, type Catalogue, type DutyDefinition } from '../src/domain';
import { parseActivityInput } from './parseInput';

export interface DutyDefinitionDependencies {
  /** The catalogue as it is now: the defaults with the council's file applied. */
  catalogue: () => Catalogue;
}

/** The duty as the catalogue has it now, for the next occurrence; null when the catalogue no longer has it. */
export function createCurrentDutyDefinitionActivity(deps: DutyDefinitionDependencies) {
  return async function currentDutyDefinition(raw: CurrentDutyDefinitionInput): Promise<DutyDefinition | null> {
    const input = parseActivityInput(currentDutyDefinitionInputSchema, raw, 'currentDutyDefinition');
    return dutyDefinitionOf(deps.catalogue(), input.dutyId) ?? null;
  };
}
