import { createClientsService, type ClientsService } from './fiados-clients.service.js';
import { createPaymentsService, type PaymentsService } from './fiados-payments.service.js';
import { createPurchasesService, type PurchasesService } from './fiados-purchases.service.js';
import { createReportsService, type ReportsService } from './fiados-reports.service.js';
import { createFiadosContext, type FiadosDeps } from './fiados.context.js';

/** Store credit: clients, their purchases on credit and the payments that settle them. */
export interface FiadosService {
  clients: ClientsService;
  purchases: PurchasesService;
  payments: PaymentsService;
  reports: ReportsService;
}

export function createFiadosService(deps: FiadosDeps): FiadosService {
  const ctx = createFiadosContext(deps);
  return {
    clients: createClientsService(ctx),
    purchases: createPurchasesService(ctx),
    payments: createPaymentsService(ctx),
    reports: createReportsService(ctx),
  };
}
