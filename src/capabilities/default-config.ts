import type { FactoryConfig } from '../config/factory-config.js';
import { configDefaultsFor } from './config-sections.js';
import { coreCapabilities } from './index.js';

/** A small metalworking shop, so a factory with no file still gets sensible behaviour. */
export const defaultFactoryConfig: FactoryConfig = configDefaultsFor(coreCapabilities);
