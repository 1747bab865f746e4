import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { RISK_CONTRACT_BANDS } from '@serviceledger/risk/contracts';
import { registerProjection } from './register/register.projection';
import { roundsProjection } from './rounds/rounds.projection';
import { warningsProjection } from './warnings/warnings.projection';

/** Risk's views for analysts (ADR 0024); the deciders' JSON state stays out. */
export const RISK_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  {
    name: 'risks',
    version: 1,
    projection: registerProjection,
    table: 'risk',
    description: 'One row per risk in the register (K-1.2): category, owner, department, state, its latest assessment on the likelihood × impact matrix, its response and review.',
    omit: ['risk'],
    columns: {
      likelihood: 'Likelihood of the latest assessment, a step of the matrix in force (`matrix_version`).',
      impact: 'Impact of the latest assessment, a step of the matrix in force.',
      band: `The regulation's band of the latest assessment's level: ${RISK_CONTRACT_BANDS.map((band) => `\`${band}\``).join(', ')}.`,
    },
  },
  { name: 'risk_assessments', version: 1, projection: registerProjection, table: 'assessment', description: 'One row per assessment of a risk: likelihood, impact, level and band, on which version of the matrix.' },
  { name: 'risk_assessment_rounds', version: 1, projection: roundsProjection, table: 'round', description: 'One row per risk assessment round: category, cadence, when it opens and is due, status and whether it is overdue.', omit: ['round'] },
  { name: 'risk_warnings', version: 1, projection: warningsProjection, table: 'warning', description: 'One row per early warning (K-3.2): the indicator and version that raised it, its group and window, owner, status, and the risk it concerns.', omit: ['state', 'position'] },
];
