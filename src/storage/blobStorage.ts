/**
 * The Storage port on Azure Blob Storage: one JSON blob per key, the blob's ETag as the item's eTag, and
 * every conditional write sent as a real HTTP precondition (If-Match / If-None-Match: *), so two instances
 * of the assistant can never silently overwrite each other's turn. Built on @azure/storage-blob directly:
 * docs/adr/0003-blob-storage.md says why the SDKs' own blob storage classes are not used.
 *
 * A user is waiting while this runs, so an unreachable storage fails fast (few, short retries and one
 * deadline per operation) with IAG_E_STORAGE_UNAVAILABLE, and nothing of a failure is remembered: the next
 * call after storage comes back simply works.
 */
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { ContainerClient, StorageRetryPolicyType } from '@azure/storage-blob';
import { ConflictError, type Storage, type StoredItem } from '../conversation/storage';
import { AppError } from '../errors';

export interface StorageLogger {
  warn(fields: object, msg: string): void;
}

export interface BlobStorageOptions {
  connectionString: string;
  container: string;
  logger?: StorageLogger;
  /** The most one read, write or delete may take, retries included. */
  timeoutMs?: number;
}

/** Long enough for a slow but healthy service (typical calls take tens of ms), short enough for a chat. */
const DEFAULT_TIMEOUT_MS = 3000;

/**
 * One quick retry covers a keep-alive socket the service closed (as after a restart); more would only make
 * the user wait for an outage. The SDK's defaults (4 tries, 4 s apart, growing) suit batch jobs, not chat.
 */
const RETRY_OPTIONS = {
  retryPolicyType: StorageRetryPolicyType.EXPONENTIAL,
  maxTries: 3,
  retryDelayInMs: 150,
  maxRetryDelayInMs: 400,
};

const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_BLOB_NAME_LENGTH = 1024;
const SAFE_ASCII = /^[A-Za-z0-9_-]$/;

/**
 * A blob name for any key, one to one: every byte but letters, digits, '-' and '_' is percent-encoded, so
 * no '/' makes virtual folders, no trailing '.' is dropped by the service and nothing needs URL escaping
 * twice. '~' never appears in an encoded key, so the names given to empty and very long keys cannot
 * collide with one.
 */
export function blobNameFor(key: string): string {
  if (key === '') return '~empty';
  let name = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    name +=
      byte < 0x80 && SAFE_ASCII.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name.length <= MAX_BLOB_NAME_LENGTH
    ? name
    : `~${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function errorCodeOf(error: unknown): string | undefined {
  const details = error as { code?: unknown; details?: { errorCode?: unknown } } | null;
  const code = details?.details?.errorCode ?? details?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeFailure(error: unknown): string {
  const status = statusOf(error);
  const code = errorCodeOf(error) ?? (error as Error | null)?.name ?? 'unknown';
  return status ? `HTTP ${status} ${code}` : code;
}

function isContainerMissing(error: unknown): boolean {
  return statusOf(error) === 404 && errorCodeOf(error) === 'ContainerNotFound';
}

class BlobStorage<T> implements Storage<T> {
  private containerReady: Promise<void> | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly timeoutMs: number,
    private readonly logger: StorageLogger,
  ) {}

  /**
   * Creates the container once per process. Only success is remembered: a failure while storage is down
   * must not poison the calls made after it comes back.
   */
  ensureContainer(abortSignal: AbortSignal): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists({ abortSignal }).then(
      () => undefined,
      (error: unknown) => {
        this.containerReady = undefined;
        throw error;
      },
    );
    return this.containerReady;
  }

  async read(key: string): Promise<StoredItem<T> | undefined> {
    return this.guarded('read', async (abortSignal) => {
      const blob = this.container.getBlockBlobClient(blobNameFor(key));
      let json: string;
      let eTag: string | undefined;
      try {
        const response = await blob.download(0, undefined, { abortSignal });
        eTag = response.etag;
        json = response.readableStreamBody ? await text(response.readableStreamBody) : '';
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
      if (!eTag) throw new Error('the blob service returned no ETag');
      try {
        return { value: JSON.parse(json) as T, eTag };
      } catch {
        // A blob that is not JSON (written by hand or cut short) would block its conversation forever:
        // remove it, only if nobody replaced it meanwhile, and let the conversation start fresh.
        this.logger.warn(
          { event: 'storage.unreadable', blob: 'removed' },
          'stored state is not JSON: starting fresh',
        );
        await blob.delete({ conditions: { ifMatch: eTag }, abortSignal }).catch((error: unknown) => {
          if (statusOf(error) !== 404 && statusOf(error) !== 412) throw error;
        });
        return undefined;
      }
    });
  }

  async write(key: string, value: T, expectedETag?: string | null): Promise<string> {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const conditions =
      typeof expectedETag === 'string'
        ? { ifMatch: expectedETag }
        : expectedETag === null
          ? { ifNoneMatch: '*' }
          : undefined;
    return this.guarded('write', async (abortSignal) => {
      await this.ensureContainer(abortSignal);
      const blob = this.container.getBlockBlobClient(blobNameFor(key));
      const upload = () =>
        blob.upload(body, body.length, {
          conditions,
          abortSignal,
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      try {
        const response = await upload().catch(async (error: unknown) => {
          // Someone deleted the container while this process ran: make it again, once.
          if (!isContainerMissing(error)) throw error;
          this.logger.warn(
            { event: 'storage.containerRecreated' },
            'the state container had vanished: created it again',
          );
          this.containerReady = undefined;
          await this.ensureContainer(abortSignal);
          return upload();
        });
        if (!response.etag) throw new Error('the blob service returned no ETag');
        return response.etag;
      } catch (error) {
        // 412: If-Match failed (changed or gone). 409: If-None-Match: * found a blob (BlobAlreadyExists).
        const status = statusOf(error);
        if (status === 412 || (status === 409 && conditions !== undefined)) throw new ConflictError(key);
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    return this.guarded('delete', async (abortSignal) => {
      try {
        await this.container.getBlockBlobClient(blobNameFor(key)).delete({ abortSignal });
      } catch (error) {
        // Already gone (blob or whole container): what delete wanted.
        if (statusOf(error) !== 404) throw error;
      }
    });
  }

  /** One deadline per operation; every failure but a conflict becomes IAG_E_STORAGE_UNAVAILABLE. */
  private async guarded<R>(operation: string, run: (abortSignal: AbortSignal) => Promise<R>): Promise<R> {
    try {
      return await run(AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      throw new AppError(
        'IAG_E_STORAGE_UNAVAILABLE',
        `blob ${operation} failed (${describeFailure(error)})`,
        { cause: error },
      );
    }
  }
}

const silent: StorageLogger = { warn: () => undefined };

/**
 * Connects to the container, creating it if missing. Storage that is down at startup does not stop the
 * assistant: it is logged, and the container is created on the first write once storage answers.
 */
export async function createBlobStorage<T>(options: BlobStorageOptions): Promise<Storage<T>> {
  const logger = options.logger ?? silent;
  if (!CONTAINER_NAME.test(options.container)) {
    throw new AppError(
      'IAG_E_CONFIG_INVALID',
      `AZURE_STORAGE_CONTAINER "${options.container}" is not a valid container name (3-63 lowercase letters, digits and single hyphens)`,
    );
  }
  let container: ContainerClient;
  try {
    container = new ContainerClient(options.connectionString, options.container, {
      retryOptions: RETRY_OPTIONS,
    });
  } catch (error) {
    // The connection string holds the account key: never repeat it.
    throw new AppError(
      'IAG_E_CONFIG_INVALID',
      'AZURE_STORAGE_CONNECTION_STRING is not a valid Azure Storage connection string',
      {
        cause: error,
      },
    );
  }
  const storage = new BlobStorage<T>(container, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, logger);
  try {
    await storage.ensureContainer(AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  } catch (error) {
    logger.warn(
      { event: 'storage.unavailable', container: options.container, reason: describeFailure(error) },
      'blob storage not reachable at startup: conversations will fail until it is',
    );
  }
  return storage;
}
