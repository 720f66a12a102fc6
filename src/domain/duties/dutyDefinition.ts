import type { Catalogue } from '../catalogue/catalogue';
import type { DutyDefinition } from './dutyDefinitionSchema';

export type { DutyDefinition };

export function dutyDefinitionOf(catalogue: Catalogue, dutyId: string, dayKind?: DutyDefinition['dayKind']): DutyDefinition | undefined {
  const duty = catalogue.duties.find((candidate) => candidate.id === dutyId);
  if (!duty) return undefined;
  return {
    duty,
    rules: catalogue.rules.filter((rule) => duty.ruleIds.includes(rule.id)),
    holidays: catalogue.holidays,
    ...(dayKind ? { dayKind } : {}),
  };
}

/** The definition as a catalogue of its own, for the catalogue's deadline functions. */
export function catalogueOf(definition: DutyDefinition): Catalogue {
  return { rules: definition.rules, duties: [definition.duty], holidays: definition.holidays };
}
