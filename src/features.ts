import { chatFeaturesOf } from './capabilities/assembled.js';
import { coreCapabilities } from './capabilities/index.js';
import type { ChatFeature } from './chat/feature.js';

/** The chat of the capabilities this repository ships, in the order `帮助` lists them. */
export const features: ChatFeature[] = chatFeaturesOf(coreCapabilities);
