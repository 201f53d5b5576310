export { MAX_CENTAVOS, MoneyError, fromCentavos, toCentavos, type MoneyErrorReason } from './centavos.js';
