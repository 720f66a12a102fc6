/**
 * notifications: reminders through the outbox (the notify activity: outbox row in PostgreSQL,
 * SMTP, row marked sent) against a bare nodemailer loop sending the same messages through the same
 * transport to the same SMTP inbox. Rounds alternate which goes first.
 * BENCH_NOTIFY_N (default 600), BENCH_NOTIFY_ROUNDS (4), BENCH_CONCURRENCY (16).
 */
import { createNotifyActivity } from '../activities/notify';
import { stableMessageId } from '../activities/outbox';
import type { Notice } from '../src/contracts/notice';
import { deadlineCalendar } from '../src/mail/deadlineCalendar';
import { envInt, inParallel, log, seconds, type Bench, type BenchResult } from './support/runner';
import { MAIL_FROM, startBenchServers } from './support/servers';

const GOAL = 0.7;

function reminder(i: number): Notice {
  const text = `Reminder: the strategic assessment of bench body ${i} is due by Monday 1 June 2026.\n\nBasis: Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007, reg. 5.`;
  return {
    idempotencyKey: `bench:reminder:${i}`,
    to: [`owner${i % 50}@council.example`],
    subject: `Reminder: strategic assessment due 1 June 2026 (body ${i})`,
    text,
    ics: deadlineCalendar({ uid: `occurrence-${i}@duty-engine`, summary: `Due: strategic assessment (body ${i})`, description: text, date: '2026-06-01' }),
  };
}

export const notificationsBench: Bench = {
  name: 'notifications',
  description: 'reminders through the outbox vs a bare nodemailer loop, same SMTP server',
  async run(): Promise<BenchResult> {
    const n = envInt('BENCH_NOTIFY_N', 600);
    const rounds = envInt('BENCH_NOTIFY_ROUNDS', 4);
    const concurrency = envInt('BENCH_CONCURRENCY', 16);
    const perRound = Math.ceil(n / rounds);
    const servers = await startBenchServers({ temporal: false });
    try {
      const notify = createNotifyActivity({ prisma: servers.prisma, mail: servers.mail, mailFrom: MAIL_FROM, clock: () => new Date() });
      const bare = (notice: Notice) =>
        servers.mail.sendMail({
          from: MAIL_FROM,
          to: notice.to,
          subject: notice.subject,
          text: notice.text,
          messageId: stableMessageId(notice.idempotencyKey),
          icalEvent: { filename: 'deadline.ics', method: 'PUBLISH', content: notice.ics! },
        });
      await notify(reminder(-1));
      await bare(reminder(-2));

      const totalMs = { outbox: 0, bare: 0 };
      let next = 0;
      for (let round = 0; round < rounds; round += 1) {
        const outboxBatch = Array.from({ length: perRound }, () => reminder(next++));
        const bareBatch = Array.from({ length: perRound }, () => reminder(next++));
        const viaOutbox = async () => {
          const t0 = performance.now();
          await inParallel(outboxBatch, concurrency, (notice) => notify(notice));
          totalMs.outbox += performance.now() - t0;
        };
        const viaBare = async () => {
          const t0 = performance.now();
          await inParallel(bareBatch, concurrency, (notice) => bare(notice));
          totalMs.bare += performance.now() - t0;
        };
        if (round % 2 === 0) await viaBare().then(viaOutbox);
        else await viaOutbox().then(viaBare);
        log(`notifications: round ${round + 1}/${rounds} done`);
      }
      const total = perRound * rounds;
      const sent = await servers.prisma.outboxMessage.count({ where: { status: 'SENT' } });
      if (sent !== total + 1) throw new Error(`expected ${total + 1} outbox rows marked sent, found ${sent}`);
      const outboxRate = (total / totalMs.outbox) * 1000;
      const bareRate = (total / totalMs.bare) * 1000;
      const ratio = outboxRate / bareRate;
      return {
        name: 'notifications',
        size: `${total} reminders (with .ics) each way, ${concurrency} in flight, ${rounds} alternating rounds`,
        ratio,
        goal: `≥ ${GOAL}× the bare nodemailer rate`,
        met: ratio >= GOAL,
        figures: {
          'through the outbox (messages/s)': Math.round(outboxRate),
          'bare nodemailer (messages/s)': Math.round(bareRate),
          'outbox time (s)': seconds(totalMs.outbox),
          'bare time (s)': seconds(totalMs.bare),
        },
        notes: ['both use the engine\'s transport (createMailTransport: one SMTP connection per message) to the embedded SMTP inbox, which writes each message to a file'],
      };
    } finally {
      await servers.stop();
    }
  },
};
