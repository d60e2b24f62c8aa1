import { AppError } from './errors';

/**
 * Configuration from the environment, read in one place. Every variable has an embedded default so
 * that `npm start` works on a fresh machine with no .env and no Azure.
 */
export interface Config {
  port: number;
  host: string;
  logLevel: string;
  knowledgeDir?: string;
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 3978;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new AppError('IAG_E_CONFIG_INVALID', `PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  return {
    port: port(env.PORT),
    host: env.HOST || '0.0.0.0',
    logLevel: env.LOG_LEVEL || 'info',
    knowledgeDir: env.KNOWLEDGE_DIR || undefined,
  };
}
