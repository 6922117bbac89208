/**
 * Reliability machinery for tests of accordkit and of applications built on it: seeded fault
 * schedules, structure-aware frame fuzzing with an oracle, store-vs-server convergence checks,
 * a wire tap, and the chaos soak that combines them. Node only (uses `ws` and `node:*`).
 */
export { Prng } from './prng.js';
export { FAULT_KINDS, EXPECTED_RECOVERY, generateFaultSchedule, countByKind } from './fault-schedule.js';
export type { FaultKind, FaultStep, FaultParams, FaultScheduleOptions, ExpectedRecovery } from './fault-schedule.js';
export { FrameMutator, MUTATION_KINDS } from './frame-mutator.js';
export type { GeneratedFrame, MutationKind, FrameMutatorOptions } from './frame-mutator.js';
export { ClientFrameMutator } from './client-frame-mutator.js';
export type { ClientFrameMutatorOptions } from './client-frame-mutator.js';
export { classifyInboundFrame, mustReport, mustNotChangeState, expectedHandshakeAnswer, expectedLiveAnswer } from './frame-oracle.js';
export type { InboundVerdict, ServerAnswer } from './frame-oracle.js';
export { exampleEvents, exampleClientFrames, madeUpIds } from './fuzz-examples.js';
export type { FuzzIds } from './fuzz-examples.js';
export { RestBodyFuzzer } from './rest-fuzz.js';
export type { RestEndpoint, RestFuzzCase, RestMutation } from './rest-fuzz.js';
export { compareStoreWithServer, defaultUnreadRule, emptyConvergeStats, compareIds } from './converge.js';
export type { ConvergeOptions, ConvergeStats, Divergence, DivergenceScope, StoreView, TruthSource } from './converge.js';
export { RestTruth, TruthRequestError } from './rest-truth.js';
export { checkStoreInvariants, prototypeSnapshot, prototypesClean } from './store-invariants.js';
export { WireTap, TappedSocket } from './wire-tap.js';
export { SeqAuditor } from './seq-audit.js';
export type { SeqAuditStats } from './seq-audit.js';
export { RawGatewaySocket } from './raw-gateway.js';
export type { RawEvent } from './raw-gateway.js';
export { OutputCapture, CrashGuard, findSecretsIn } from './capture.js';
export { scaledClock } from './scaled-clock.js';
export { probeRestPermissions } from './security-probes.js';
export type { ProbeWorld, ProbeResult, ProbeUser } from './security-probes.js';
export { runSoak } from './soak.js';
export type { SoakOptions, SoakReport, HeapSample, RecoveryCounts, ActionReport } from './soak-types.js';
export { formatSoakTable, soakMarkdown, soakPassed } from './soak-report.js';
