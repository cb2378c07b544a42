// JSON webhooks for alerts and the portal watch: bounded retries, and errors that never show a URL's token.

export interface WebhookOptions {
  timeoutMs?: number;
  /** Attempts per alert within one cycle (default 3); later cycles retry again. */
  attempts?: number;
  /** First back-off delay; doubles each attempt (default 500 ms). */
  retryDelayMs?: number;
}

/** Status codes worth another try: the receiver may be back in a moment. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs a JSON body to a webhook, retrying timeouts, 408, 429 and 5xx with doubling back-off.
 * Errors name only the URL's origin: webhook URLs often carry a token in their path.
 */
export async function postWebhook(url: string, body: unknown, idempotencyKey: string, options: WebhookOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const delay = options.retryDelayMs ?? 500;
  let where = 'webhook';
  try {
    where = new URL(url).origin;
  } catch {
    // keep the generic name
  }
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'mediawatch-alerts/0.1', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      lastError = `HTTP ${response.status} ${response.statusText}`.trim();
      if (!retryable(response.status)) break;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      lastError = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delay * 2 ** (attempt - 1)));
  }
  throw new Error(`webhook ${where}: ${lastError}`);
}
