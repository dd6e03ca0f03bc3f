/** The dashboard: the Koa router and the signed links the chat layer sends to leaders. */
export { createDashboardRouter, type DashboardDeps } from './router.ts';
export { signDashboardLink, verifyDashboardToken } from './link.ts';
