import type { FastifyRequest } from 'fastify';
import { ERROR_CODES, type FieldIssue } from './errors.js';

/**
 * `/api/…` routes (seeds 002 and 004) answer `{"error": {…}}`; the routes of seeds 001, 003 and 000
 * answer FastAPI's `{"detail": …}`. The path decides, so every route gets its contract's shape.
 */
export function usesEnvelope(url: string): boolean {
  return url.startsWith('/api/');
}

export function renderError(
  request: FastifyRequest,
  status: number,
  message: string,
  issues: FieldIssue[] | undefined,
  code?: string,
): unknown {
  if (usesEnvelope(request.url)) {
    return {
      error: {
        code: code ?? ERROR_CODES[status] ?? 'ERROR',
        message,
        details: issues && issues.length > 0 ? issuesToDetails(issues) : null,
        request_id: String(request.id),
        timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }
  if (status === 422 && issues && issues.length > 0) return { detail: issues };
  return { detail: message };
}

function issuesToDetails(issues: FieldIssue[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.loc.slice(1).join('.') || String(issue.loc[0] ?? 'non_field_errors');
    (details[field] ??= []).push(issue.msg);
  }
  return details;
}
