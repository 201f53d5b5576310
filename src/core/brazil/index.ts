export {
  formatCnpj,
  isValidChave,
  isValidCnpj,
  isValidCpf,
  isValidIbge,
  normalizeCnpj,
  normalizeCpf,
  stripChavePrefix,
  stripDocument,
} from './identifiers.js';
