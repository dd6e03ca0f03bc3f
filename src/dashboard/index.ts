/** The dashboard: the Koa router and the signed links the chat layer sends privately. */
export { createDashboardRouter, type DashboardDeps } from './router.ts';
export { signDashboardLink } from './link.ts';
export { evidenceLinksFor, signEvidenceLink, type EvidenceLinks } from './evidence-link.ts';
