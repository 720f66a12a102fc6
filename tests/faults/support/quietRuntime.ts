// The faults make the SDK warn about every failed activity attempt, hundreds of times: show errors only.
import { installTemporalRuntime } from '../../../src/temporal/runtime';

installTemporalRuntime(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error');
