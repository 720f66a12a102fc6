import { status } from '@grpc/grpc-js';
import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DUTY_SEARCH_ATTRIBUTES } from '../contracts/searchAttributes';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const INDEXED_VALUE_TYPES: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers the duty search attributes on a Temporal server (a self-hosted cluster, or the Java
 * time-skipping test server); those already registered are left as they are. Temporal Cloud
 * registers custom search attributes through its own console or `tcld`, not this call.
 */
export async function registerDutySearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing: string[] = await connection.operatorService.listSearchAttributes({ namespace }).then(
    (answer) => Object.keys(answer.customAttributes ?? {}),
    (error: { code?: number }) => {
      // The Java time-skipping test server cannot list them; it takes every key added at once.
      if (error.code === status.UNIMPLEMENTED) return [] as string[];
      throw error;
    },
  );
  const missing = DUTY_SEARCH_ATTRIBUTES.filter((key) => !existing.includes(key.name));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]])),
    });
  }
  return missing.map((key) => key.name);
}
