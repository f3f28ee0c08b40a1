import { setTimeout as sleep } from 'node:timers/promises';

import type { BlockContext, BlockResult } from '../block-context';
import { isHttpRequestFailedError, isHttpRequestRejectedError } from '../errors';
import type { HttpAllowList } from '../http/allow-list';
import { sendHttpRequest, type HttpRequestSpec, type HttpResponseData } from '../http/send';
import { checkAllowList } from '../http/target';
import { idempotencyHeaderValue, resolveHttpRequest } from './http-request';
import { evaluateIdempotencyKey, guardSkip, recordExecution } from './side-effect-guard';

/** Delay before the first retry; each further retry waits twice as long, up to the maximum. */
const RETRY_BASE_DELAY_MS = 100;
const RETRY_MAX_DELAY_MS = 2000;

interface Attempt {
  attempt: number;
  status?: number;
  error?: string;
}

/**
 * Sends an HTTP request. Preview runs (and snapshot runs without `commit`) record the request
 * without sending it, with `liveRejection` when the allow list would stop it. Live requests go through the allow list and address checks of
 * engine/http. Network errors, timeouts and 5xx/429 responses are retried `retries` times with
 * the same `Idempotency-Key`. The output contains the status, headers and body. A non-2xx status
 * is an output, not an error.
 */
export async function runHttpBlock(context: BlockContext<'http'>): Promise<BlockResult> {
  const idempotencyKey = await evaluateIdempotencyKey(context);
  const skip = guardSkip(context, idempotencyKey);
  if (skip) return skip;

  const resolved = await resolveHttpRequest(context);
  const request: HttpRequestSpec = {
    ...resolved,
    headers: {
      ...resolved.headers,
      'idempotency-key': idempotencyHeaderValue(context, idempotencyKey),
    },
  };
  const inputs = { ...request, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
  const onRecorded = recordExecution(context, idempotencyKey);

  if (context.run.stagesSideEffects) {
    const output = { staged: true, status: null, headers: {}, body: null };
    const liveRejection = liveRejectionOf(request.url, context.run.httpAllowList);
    const recorded = liveRejection === undefined ? request : { ...request, liveRejection };
    return { inputs, output, sideEffects: { requests: [recorded], staged: true }, onRecorded };
  }

  const attempts: Attempt[] = [];
  const response = await sendWithRetries(context, request, attempts);
  const requests = attempts.map((attempt) => ({ ...request, ...attempt }));
  return { inputs, output: response, sideEffects: { requests, staged: false }, onRecorded };
}

/**
 * Returns the reason a live run would reject a staged request before resolving its host, so a
 * preview shows it. The address checks after DNS are left to the live run, which alone resolves.
 */
function liveRejectionOf(url: string, allowList: HttpAllowList): string | undefined {
  try {
    checkAllowList(url, allowList);
    return undefined;
  } catch (error) {
    if (isHttpRequestRejectedError(error)) return error.message;
    throw error;
  }
}

async function sendWithRetries(
  context: BlockContext<'http'>,
  request: HttpRequestSpec,
  attempts: Attempt[],
): Promise<HttpResponseData> {
  const retries = context.config.retries ?? 0;

  for (let attempt = 1; ; attempt += 1) {
    const isLastAttempt = attempt > retries;
    try {
      const response = await sendOnce(context, request);
      attempts.push({ attempt, status: response.status });

      const isRetryableStatus = response.status >= 500 || response.status === 429;
      if (!isRetryableStatus || isLastAttempt) return response;
    } catch (error) {
      if (!isHttpRequestFailedError(error) || isLastAttempt) throw context.toRunError(error);
      attempts.push({ attempt, error: error.message });
    }

    await waitBeforeRetry(context, attempt, request);
  }
}

function sendOnce(
  context: BlockContext<'http'>,
  request: HttpRequestSpec,
): Promise<HttpResponseData> {
  const { budget, httpAllowList } = context.run;
  budget.checkTime();

  const policy = {
    allowList: httpAllowList,
    timeoutMs: budget.callTimeoutMs(context.config.timeoutMs),
    runSignal: budget.signal,
  };
  return context.step.measureHttp(() => sendHttpRequest(request, policy));
}

async function waitBeforeRetry(context: BlockContext, attempt: number, request: HttpRequestSpec) {
  const delayMs = Math.min(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1), RETRY_MAX_DELAY_MS);
  context.run.logger?.info(
    { runId: context.run.runId, blockId: context.node.id, attempt, delayMs, url: request.url },
    'retrying HTTP request',
  );

  try {
    await sleep(delayMs, undefined, { signal: context.run.budget.signal });
  } catch (error) {
    throw context.toRunError(error);
  }
}
