import { channelScenarios } from '../../support/channel-scenarios.js';
import { startWecomWorld } from './wecom-world.js';

channelScenarios('WeCom app callback', startWecomWorld);
