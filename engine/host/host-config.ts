// The config a host runs with: --config, else config.yaml/.yml/.json in the data
// directory, else the embedded defaults.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile, parseConfig, type EngineConfig } from '../config/index';

const DEFAULT_NAMES = ['config.yaml', 'config.yml', 'config.json'];

export function loadHostConfig(dataDir: string, configPath: string | undefined): EngineConfig {
  if (configPath) return loadConfigFile(configPath);
  const found = DEFAULT_NAMES.map((name) => join(dataDir, name)).find((path) => existsSync(path));
  return found ? loadConfigFile(found) : parseConfig({}, 'the embedded defaults');
}
