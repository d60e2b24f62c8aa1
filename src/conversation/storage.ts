/**
 * The Storage port: where conversation state lives between turns. In-memory by default; Azure Blob
 * Storage in production. Writes carry the eTag read with the value, so two turns of one conversation at
 * once cannot silently overwrite each other.
 */
export interface StoredItem<T> {
  value: T;
  eTag: string;
}

export class ConflictError extends Error {
  constructor(key: string) {
    super(`state of ${key} changed since it was read`);
    this.name = 'ConflictError';
  }
}

export interface Storage<T> {
  read(key: string): Promise<StoredItem<T> | undefined>;
  /**
   * Writes and returns the new eTag. expectedETag: a string -> only if the stored eTag is still that one;
   * null -> only if nothing is stored yet; undefined -> unconditionally. Otherwise: ConflictError.
   */
  write(key: string, value: T, expectedETag?: string | null): Promise<string>;
  delete(key: string): Promise<void>;
}

export class MemoryStorage<T> implements Storage<T> {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  private counter = 0;

  async read(key: string): Promise<StoredItem<T> | undefined> {
    const item = this.items.get(key);
    // A copy, so callers can never mutate stored state in place.
    return item ? { value: JSON.parse(item.json) as T, eTag: item.eTag } : undefined;
  }

  async write(key: string, value: T, expectedETag?: string | null): Promise<string> {
    const current = this.items.get(key);
    if (expectedETag === null && current) throw new ConflictError(key);
    if (typeof expectedETag === 'string' && current?.eTag !== expectedETag) throw new ConflictError(key);
    this.counter += 1;
    const eTag = `m${this.counter}`;
    this.items.set(key, { json: JSON.stringify(value), eTag });
    return eTag;
  }

  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }
}
