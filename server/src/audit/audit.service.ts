import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { FHIR_BUNDLE_CLOSING, fhirBundleEntry, fhirBundleOpening } from './audit-fhir.js';
import { assertTenantId, AUDIT_APPEND_SQL, auditAppendParameters, prepareAuditContent } from './audit-entry.js';
import { auditContentJson, auditHash } from './audit-hash.js';
import { auditCsvHeader, auditCsvRow } from './audit-csv.js';
import { AuditRecord } from './audit-record.entity.js';
import { toAuditRecordView } from './audit-view.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import {
  AUDIT_EXPORT_FORMATS,
  type AuditChainBreak,
  type AuditEntry,
  type AuditExportFormat,
  type AuditFilters,
  type AuditPage,
  type AuditPageRequest,
  type AuditRecordView,
  type AuditVerifyResult,
} from './audit.types.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};

/**
 * The tamper-evident audit trail. `record` appends through the database function
 * `audit_append`, which in one statement takes the tenant's advisory lock, reads the tail of the
 * tenant's chain, hashes and inserts, so concurrent writers never fork the chain and an append
 * costs one round trip. The content is canonicalised here; the database only concatenates it
 * with the previous hash and the sequence before hashing (see `auditChainText`).
 */
@Injectable()
export class AuditService {
  /** Records read per query by `verify` and the exports; tests lower it to exercise paging. */
  scanPageSize = 1000;

  constructor(@InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>) {}

  /**
   * Appends one record to the tenant's chain. Pass the `manager` of an open transaction to make
   * the record commit or roll back with the change it describes (the tenant's chain then stays
   * locked until that transaction ends).
   */
  async record(entry: AuditEntry, options: { manager?: EntityManager } = {}): Promise<AuditRecordView> {
    const content = prepareAuditContent(entry);
    const contentJson = auditContentJson(content);
    const rows: Array<{ sequence: string; previous_hash: string | null; hash: string }> = await (
      options.manager ?? this.records.manager
    ).query(AUDIT_APPEND_SQL, auditAppendParameters(content, contentJson));
    const [row] = rows;
    if (row === undefined) {
      throw new Error('audit_append returned no row');
    }
    return toAuditRecordView(
      Object.assign(new AuditRecord(), content, {
        sequence: Number(row.sequence),
        previousHash: row.previous_hash,
        hash: row.hash,
      }),
    );
  }

  /** Newest first, `limit` at a time; `nextBeforeSequence` fetches the next (older) page. */
  async list(tenantId: string, filters: AuditFilters = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new AuditException(
        AuditExceptionCode.InvalidQuery,
        `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
      );
    }
    const query = this.filtered(tenantId, filters)
      .orderBy('record.sequence', 'DESC')
      .take(limit + 1);
    if (page.beforeSequence !== undefined) {
      if (!Number.isInteger(page.beforeSequence)) {
        throw new AuditException(AuditExceptionCode.InvalidQuery, 'beforeSequence must be a whole number');
      }
      query.andWhere('record.sequence < :beforeSequence', { beforeSequence: page.beforeSequence });
    }
    const records = await query.getMany();
    const hasMore = records.length > limit;
    const shown = records.slice(0, limit);
    return {
      records: shown.map(toAuditRecordView),
      nextBeforeSequence: hasMore ? (shown.at(-1)?.sequence ?? null) : null,
    };
  }

  /**
   * Walks the tenant's chain from the first record and recomputes every link. Stops at the first
   * broken one: a missing sequence number (a deleted record), a `previousHash` that is not the
   * previous record's hash, or a hash that does not match the record's content (an edited record).
   */
  async verify(tenantId: string): Promise<AuditVerifyResult> {
    assertTenantId(tenantId);
    let checked = 0;
    let expectedSequence = 1;
    let previousHash: string | null = null;
    for await (const batch of this.scan(tenantId, {})) {
      for (const record of batch) {
        checked++;
        const broken = (reason: AuditChainBreak, detail: string) => ({
          valid: false,
          checked,
          firstBrokenRecord: { id: record.id, sequence: record.sequence, reason, detail },
        });
        if (record.sequence !== expectedSequence) {
          return broken('sequence-gap', `expected sequence ${expectedSequence}, found ${record.sequence}`);
        }
        if (record.previousHash !== previousHash) {
          return broken('previous-hash-mismatch', 'previousHash is not the hash of the record before it');
        }
        if (auditHash(auditContentJson(record), record.previousHash, record.sequence) !== record.hash) {
          return broken('hash-mismatch', "the record's content does not match its hash");
        }
        previousHash = record.hash;
        expectedSequence++;
      }
    }
    return { valid: true, checked };
  }

  /**
   * The matching records, oldest first, as CSV, JSON or a FHIR R4 Bundle of AuditEvents, in
   * chunks of text: read page by page, so any size of export streams in constant memory.
   */
  async *exportRecords(
    tenantId: string,
    format: AuditExportFormat,
    filters: AuditFilters = {},
  ): AsyncGenerator<string> {
    if (!AUDIT_EXPORT_FORMATS.includes(format)) {
      throw new AuditException(
        AuditExceptionCode.InvalidQuery,
        `format must be one of ${AUDIT_EXPORT_FORMATS.join(', ')}`,
      );
    }
    const pages = this.scan(tenantId, filters);
    switch (format) {
      case 'csv':
        yield auditCsvHeader();
        for await (const batch of pages) {
          yield batch.map((record) => auditCsvRow(toAuditRecordView(record))).join('');
        }
        return;
      case 'json':
      case 'fhir': {
        const [opening, closing, entry] =
          format === 'json'
            ? ['[', ']', (view: AuditRecordView) => JSON.stringify(view)]
            : [fhirBundleOpening(randomUUID(), new Date()), FHIR_BUNDLE_CLOSING, fhirBundleEntry];
        yield opening;
        let first = true;
        for await (const batch of pages) {
          const text = batch.map((record) => entry(toAuditRecordView(record))).join(',');
          yield first ? text : `,${text}`;
          first = false;
        }
        yield closing;
        return;
      }
    }
  }

  /** Pages of matching records in chain order, by keyset on the sequence. */
  private async *scan(tenantId: string, filters: AuditFilters): AsyncGenerator<AuditRecord[]> {
    let afterSequence = 0;
    for (;;) {
      const batch = await this.filtered(tenantId, filters)
        .andWhere('record.sequence > :afterSequence', { afterSequence })
        .orderBy('record.sequence', 'ASC')
        .take(this.scanPageSize)
        .getMany();
      if (batch.length > 0) {
        yield batch;
      }
      if (batch.length < this.scanPageSize) {
        return;
      }
      afterSequence = batch[batch.length - 1].sequence;
    }
  }

  private filtered(tenantId: string, filters: AuditFilters): SelectQueryBuilder<AuditRecord> {
    assertTenantId(tenantId);
    const query = this.records.createQueryBuilder('record').where('record.tenantId = :tenantId', { tenantId });
    if (filters.userId !== undefined) {
      query.andWhere('record.actorUserId = :userId', { userId: filters.userId });
    }
    if (filters.action !== undefined) {
      // `role.*` matches every action on roles.
      if (filters.action.endsWith('.*')) {
        query.andWhere("record.action LIKE :actionPrefix ESCAPE '\\'", {
          actionPrefix: `${filters.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`,
        });
      } else {
        query.andWhere('record.action = :action', { action: filters.action });
      }
    }
    if (filters.resourceType !== undefined) {
      query.andWhere('record.resourceType = :resourceType', { resourceType: filters.resourceType });
    }
    if (filters.resourceId !== undefined) {
      query.andWhere('record.resourceId = :resourceId', { resourceId: filters.resourceId });
    }
    for (const [bound, operator] of [
      ['from', '>='],
      ['to', '<'],
    ] as const) {
      const value = filters[bound];
      if (value !== undefined) {
        if (Number.isNaN(value.getTime())) {
          throw new AuditException(AuditExceptionCode.InvalidQuery, `${bound} must be a valid date`);
        }
        query.andWhere(`record.occurredAt ${operator} :${bound}`, { [bound]: value });
      }
    }
    return query;
  }
}
