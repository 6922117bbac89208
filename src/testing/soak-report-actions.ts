import type { SoakReport } from './soak-types.js';

/** Whether the sends through store actions all ended right: none lost, none twice, nothing left over. */
export function actionsHeld(report: SoakReport): boolean {
  const { actions } = report;
  return actions.lost === 0 && actions.duplicated === 0 && actions.problems.length === 0 && actions.verified === actions.sends;
}

/** The action rows of the report table: [what, value, must be]. */
export function actionRows(report: SoakReport): [string, string, string][] {
  const a = report.actions;
  const counts = (c: { done: number; failed: number }) => `${c.done}/${c.failed}`;
  return [
    ['sends via actions: N, lost, duplicated', `${a.sends}, lost ${a.lost}, duplicated ${a.duplicated}`, '0 lost, 0 duplicated'],
    ['  sent while the connection was recovering / with a REST fault', `${a.sendsDuringFaults} / ${a.sendsWithRestFaults}`, ''],
    [
      '  confirmed / refused, discarded / retried by the app / left failed / abandoned',
      `${a.confirmed} / ${a.refused} / ${a.retried} / ${a.failed} / ${a.abandoned}`,
      '0 left failed',
    ],
    ['  checked against the server search', String(a.verified), `= ${a.sends}`],
    ['  send problems (unsettled, left failed, refused yet posted)', String(a.problems.length), '0'],
    ['actions ok/failed: edits, deletes, reactions, markRead', `${counts(a.edits)}, ${counts(a.deletes)}, ${counts(a.reactions)}, ${counts(a.markReads)}`, ''],
    ['REST faults armed on action requests', String(a.restFaults), ''],
  ];
}
