import { isValidChave, isValidCnpj, isValidCpf, isValidIbge } from '../../core/brazil/index.js';
import type { FieldIssue } from '../../core/http/errors.js';
import type { DocType } from './fiscal.tables.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/**
 * Checks a document before anything is written or sent: the fields Focus marks required for its
 * type (reference §3), and every CNPJ, CPF, IBGE code and chave by its check digits. Every problem
 * is reported at once, each with its path, as FastAPI's 422 `detail` list.
 */
export function validateDocument(tipo: DocType, body: Json): FieldIssue[] {
  const check = new Checker(body);
  RULES[tipo](check);
  return check.issues;
}

class Checker {
  readonly issues: FieldIssue[] = [];
  constructor(readonly body: Json) {}

  at(path: Path): unknown {
    let value: unknown = this.body;
    for (const part of path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;
    return value;
  }

  private issue(path: Path, msg: string, type: string): void {
    this.issues.push({ loc: ['body', ...path], msg, type });
  }

  required(...paths: Path[]): void {
    for (const path of paths) {
      const value = this.at(path);
      if (value === undefined || value === null || value === '') this.issue(path, 'field required', 'value_error.missing');
    }
  }

  /** A non-empty array; returns its length (0 when missing, after reporting it). */
  list(path: Path): number {
    const value = this.at(path);
    if (Array.isArray(value) && value.length > 0) return value.length;
    this.issue(path, value === undefined ? 'field required' : 'deve ser uma lista com ao menos um item', value === undefined ? 'value_error.missing' : 'value_error.list');
    return 0;
  }

  /** Validates an identifier where present; `required` first when it must be. */
  identifier(path: Path, kind: 'cnpj' | 'cpf' | 'ibge' | 'chave'): void {
    const value = this.at(path);
    if (value === undefined || value === null || value === '') return;
    const textValue = String(value);
    const ok = kind === 'cnpj' ? isValidCnpj(textValue) : kind === 'cpf' ? isValidCpf(textValue) : kind === 'ibge' ? isValidIbge(textValue) : isValidChave(textValue);
    if (!ok) this.issue(path, MESSAGES[kind], `value_error.${kind}`);
  }

  /** Exactly one of CNPJ and CPF of a party, each checked. */
  party(cnpj: Path, cpf: Path, mandatory: boolean): void {
    const has = (path: Path) => ![undefined, null, ''].includes(this.at(path) as never);
    if (has(cnpj) && has(cpf)) this.issue(cpf, 'informe CNPJ ou CPF, não ambos', 'value_error.exclusive');
    else if (mandatory && !has(cnpj) && !has(cpf)) this.issue(cnpj, 'field required (CNPJ ou CPF)', 'value_error.missing');
    this.identifier(cnpj, 'cnpj');
    this.identifier(cpf, 'cpf');
  }

  pattern(path: Path, regex: RegExp, msg: string): void {
    const value = this.at(path);
    if (value !== undefined && value !== null && !regex.test(String(value))) this.issue(path, msg, 'value_error.pattern');
  }

  /** Exactly one of the modal objects (CTe, MDFe). */
  oneOf(names: readonly string[]): void {
    const present = names.filter((name) => this.at([name]) !== undefined && this.at([name]) !== null);
    if (present.length !== 1) {
      this.issue([present[1] ?? names[0]!], `informe exatamente um modal (${names.join(', ')})`, 'value_error.modal');
    }
  }

  each(path: Path, fn: (itemPath: Path) => void): void {
    const value = this.at(path);
    if (Array.isArray(value)) value.slice(0, 990).forEach((_item, i) => fn([...path, i]));
  }
}

const MESSAGES = {
  cnpj: 'CNPJ inválido (dígitos verificadores)',
  cpf: 'CPF inválido (dígitos verificadores)',
  ibge: 'código IBGE de município inválido (dígito verificador)',
  chave: 'chave de acesso inválida (44 caracteres e dígito verificador)',
} as const;

/** Focus accepts both spellings of the item array (`items` in its examples, `itens` in its catalogue). */
function itemsOf(check: Checker): Path {
  return check.at(['itens']) !== undefined && check.at(['items']) === undefined ? ['itens'] : ['items'];
}

function productItems(check: Checker): void {
  const items = itemsOf(check);
  if (check.list(items) === 0) return;
  check.each(items, (item) => {
    check.required([...item, 'descricao'], [...item, 'cfop'], [...item, 'quantidade_comercial'], [...item, 'valor_unitario_comercial']);
    check.pattern([...item, 'cfop'], /^\d{4}$/, 'CFOP deve ter 4 dígitos');
    check.pattern([...item, 'codigo_ncm'], /^\d{8}$/, 'NCM deve ter 8 dígitos');
  });
}

const MODAIS_CTE = ['modal_rodoviario', 'modal_aereo', 'modal_aquaviario', 'modal_ferroviario', 'modal_dutoviario', 'modal_multimodal'] as const;
const MODAIS_MDFE = ['modal_rodoviario', 'modal_aereo', 'modal_aquaviario', 'modal_ferroviario'] as const;

const RULES: Record<DocType, (check: Checker) => void> = {
  nfse(check) {
    check.required(['data_emissao'], ['prestador'], ['tomador'], ['servico']);
    check.required(['prestador', 'cnpj'], ['prestador', 'inscricao_municipal'], ['prestador', 'codigo_municipio']);
    check.identifier(['prestador', 'cnpj'], 'cnpj');
    check.identifier(['prestador', 'codigo_municipio'], 'ibge');
    if (check.at(['tomador']) !== undefined) check.party(['tomador', 'cnpj'], ['tomador', 'cpf'], true);
    check.identifier(['tomador', 'endereco', 'codigo_municipio'], 'ibge');
    check.required(['servico', 'valor_servicos'], ['servico', 'discriminacao'], ['servico', 'item_lista_servico']);
    check.identifier(['servico', 'codigo_municipio'], 'ibge');
  },
  nfe(check) {
    check.required(['natureza_operacao'], ['data_emissao']);
    check.party(['cnpj_emitente'], ['cpf_emitente'], true);
    check.party(['cnpj_destinatario'], ['cpf_destinatario'], false);
    productItems(check);
  },
  nfce(check) {
    check.required(['natureza_operacao'], ['data_emissao'], ['cnpj_emitente']);
    check.identifier(['cnpj_emitente'], 'cnpj');
    check.party(['cnpj_destinatario'], ['cpf_destinatario'], false);
    productItems(check);
    check.list(['formas_pagamento']);
  },
  cte(check) {
    check.required(['natureza_operacao'], ['data_emissao'], ['cfop'], ['cnpj_emitente'], ['codigo_municipio_inicio'], ['codigo_municipio_fim']);
    check.identifier(['cnpj_emitente'], 'cnpj');
    check.pattern(['cfop'], /^\d{4}$/, 'CFOP deve ter 4 dígitos');
    for (const field of ['codigo_municipio_envio', 'codigo_municipio_inicio', 'codigo_municipio_fim', 'codigo_municipio_remetente', 'codigo_municipio_destinatario']) {
      check.identifier([field], 'ibge');
    }
    for (const party of ['remetente', 'destinatario', 'expedidor', 'recebedor', 'tomador']) check.party([`cnpj_${party}`], [`cpf_${party}`], false);
    check.oneOf(MODAIS_CTE);
    check.each(['nfes'], (nfe) => check.identifier([...nfe, 'chave_nfe'], 'chave'));
  },
  mdfe(check) {
    check.required(['data_emissao'], ['uf_inicio'], ['uf_fim'], ['cnpj_emitente']);
    check.identifier(['cnpj_emitente'], 'cnpj');
    check.oneOf(MODAIS_MDFE);
    if (check.list(['municipios_carregamento']) > 0) check.each(['municipios_carregamento'], (m) => check.identifier([...m, 'codigo'], 'ibge'));
    if (check.list(['municipios_descarregamento']) > 0) {
      check.each(['municipios_descarregamento'], (m) => {
        check.identifier([...m, 'codigo'], 'ibge');
        check.each([...m, 'conhecimentos_transporte'], (c) => check.identifier([...c, 'chave_cte'], 'chave'));
        check.each([...m, 'notas_fiscais'], (n) => check.identifier([...n, 'chave_nfe'], 'chave'));
      });
    }
  },
};
