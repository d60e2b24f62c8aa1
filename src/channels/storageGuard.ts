/**
 * Storage failures (unreachable service, refused credentials, repeated write conflicts) become one
 * AppError code, so the error boundary can tell the user "my conversation memory is unavailable" rather
 * than a generic failure, and logs carry a stable code.
 */
import { AppError } from '../errors';
import type { Storage, StoredItem } from '../conversation/storage';
import { ConflictError } from '../conversation/storage';

function unavailable(operation: string, error: unknown): unknown {
  // A conflict is part of the port's contract: the turn runner retries it.
  if (
    error instanceof ConflictError ||
    (error instanceof AppError && error.code === 'IAG_E_STORAGE_UNAVAILABLE')
  )
    return error;
  return new AppError('IAG_E_STORAGE_UNAVAILABLE', `${operation} failed`, { cause: error });
}

export function guardStorage<T>(storage: Storage<T>): Storage<T> {
  return {
    read: (key): Promise<StoredItem<T> | undefined> =>
      storage.read(key).catch((e: unknown) => Promise.reject(unavailable('read', e))),
    write: (key, value, expectedETag) =>
      storage.write(key, value, expectedETag).catch((e: unknown) => Promise.reject(unavailable('write', e))),
    delete: (key) => storage.delete(key).catch((e: unknown) => Promise.reject(unavailable('delete', e))),
  };
}

export function isStorageFailure(error: unknown): boolean {
  return (
    error instanceof ConflictError ||
    (error instanceof AppError && error.code === 'IAG_E_STORAGE_UNAVAILABLE')
  );
}
