// Keeps test output to what the tests say: the SDK logs each workflow bundle build at INFO.
import { installTemporalRuntime } from '../../src/temporal/runtime';

installTemporalRuntime(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');
