import { DEFAULT_CATALOGUE, type Catalogue } from '../src/domain';
import { createSendActionDigestsActivity } from './actionDigest';
import { createSendActionNoticeActivity } from './actionNotices';
import { createRecordActionChangeActivity } from './actionRecords';
import { createRecordCrimeDisorderScrutinyActivity, type ScrutinyDependencies } from './crimeDisorderScrutiny';
import { createCurrentDutyDefinitionActivity } from './dutyDefinitions';
import { createSendDutyNoticeActivity } from './dutyNotices';
import { createOpenOccurrenceActivity, createRecordDutyChangeActivity } from './dutyOccurrences';
import { createSendMeetingInvitationActivity } from './meetingInvitations';
import { createSendMeetingNoticeActivity } from './meetingNotices';
import { createRecordMeetingChangeActivity } from './meetingRecords';
import { createNotifyActivity } from './notify';
import type { OutboxDependencies } from './outbox';
import { createSendProcessNoticeActivity } from './processNotices';
import { createRecordProcessStepActivity } from './processSteps';
import { createRecordEventActivity } from './recordEvent';
import { createSendReviewNoticeActivity } from './reviewNotices';
import { createRecordReviewStepActivity } from './reviewSteps';

export interface ActivityDependencies extends OutboxDependencies, ScrutinyDependencies {
  /** The catalogue as it is now (defaults plus the council's file); read again for each new occurrence. Default: the defaults. */
  catalogue?: () => Catalogue;
}

/** Every activity the worker registers, built over the real (or test) database, mail transport, clock and catalogue. */
export function createActivities(options: ActivityDependencies) {
  const deps = { ...options, catalogue: options.catalogue ?? (() => DEFAULT_CATALOGUE) };
  const dutyTitle = (dutyId: string) => deps.catalogue().duties.find((duty) => duty.id === dutyId)?.title;
  return {
    notify: createNotifyActivity(deps),
    recordEvent: createRecordEventActivity(deps),
    openOccurrence: createOpenOccurrenceActivity(deps),
    recordDutyChange: createRecordDutyChangeActivity(deps),
    sendDutyNotice: createSendDutyNoticeActivity({ ...deps, dutyTitle }),
    currentDutyDefinition: createCurrentDutyDefinitionActivity(deps),
    recordMeetingChange: createRecordMeetingChangeActivity(deps),
    sendMeetingInvitation: createSendMeetingInvitationActivity(deps),
    sendMeetingNotice: createSendMeetingNoticeActivity(deps),
    recordCrimeDisorderScrutiny: createRecordCrimeDisorderScrutinyActivity(deps),
    recordActionChange: createRecordActionChangeActivity(deps),
    sendActionNotice: createSendActionNoticeActivity(deps),
    sendActionDigests: createSendActionDigestsActivity(deps),
    recordReviewStep: createRecordReviewStepActivity(deps),
    sendReviewNotice: createSendReviewNoticeActivity(deps),
    recordProcessStep: createRecordProcessStepActivity(deps),
    sendProcessNotice: createSendProcessNoticeActivity(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
