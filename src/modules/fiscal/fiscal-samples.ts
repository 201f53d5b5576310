import type { DocType } from './fiscal.tables.js';

/**
 * A valid homologação sample of each document type (seed 000 §7), built from the reference's
 * minimal requests with identifiers whose check digits hold (Focus's own samples fail them).
 * Used by `retaguarda fiscal homologate`, the tests and the bench.
 */
export function sampleDocument(tipo: DocType, cnpj = '51916585000125', now = new Date()): Record<string, unknown> {
  const today = now.toISOString().slice(0, 10);
  switch (tipo) {
    case 'nfse':
      return {
        data_emissao: now.toISOString(),
        natureza_operacao: 1,
        optante_simples_nacional: false,
        prestador: { cnpj, inscricao_municipal: '12345', codigo_municipio: '4106902' },
        tomador: {
          cnpj: '07504505000132',
          razao_social: 'Acras Tecnologia da Informação LTDA',
          email: 'contato@focusnfe.com.br',
          endereco: { logradouro: 'Rua Dias da Rocha Filho', numero: '999', bairro: 'Alto da XV', codigo_municipio: '4106902', uf: 'PR', cep: '80045165' },
        },
        servico: {
          aliquota: 3,
          discriminacao: 'Nota fiscal referente a serviços prestados',
          iss_retido: 'false',
          item_lista_servico: '0107',
          codigo_municipio: '4106902',
          valor_servicos: 1.0,
        },
      };
    case 'nfe':
    case 'nfce':
      return {
        natureza_operacao: tipo === 'nfe' ? 'Remessa' : 'VENDA AO CONSUMIDOR',
        data_emissao: tipo === 'nfe' ? today : now.toISOString(),
        tipo_documento: 1,
        finalidade_emissao: 1,
        cnpj_emitente: cnpj,
        ...(tipo === 'nfe'
          ? { nome_destinatario: 'NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL', cpf_destinatario: '03055054911', uf_destinatario: 'AM' }
          : { formas_pagamento: [{ forma_pagamento: '03', valor_pagamento: '47.23' }], presenca_comprador: '1', modalidade_frete: '9' }),
        valor_total: 47.23,
        items: [
          {
            numero_item: 1, codigo_produto: '1232', descricao: 'Cartões de Visita', cfop: '5102', unidade_comercial: 'un',
            quantidade_comercial: 100, valor_unitario_comercial: 0.4723, valor_bruto: 47.23, codigo_ncm: '49111090',
            icms_situacao_tributaria: '102', icms_origem: 0,
          },
        ],
      };
    case 'cte':
      return {
        modal_aereo: { numero_minuta: '000001234', numero_operacional: '12345678901', data_prevista_entrega: today, classe_tarifa: 'G', codigo_tarifa: '123', valor_tarifa: '123.00' },
        cfop: '5353',
        natureza_operacao: 'PREST. DE SERV. TRANSPORTE A ESTAB. COMERCIAL',
        data_emissao: now.toISOString(),
        tipo_documento: 0,
        tipo_servico: 0,
        codigo_municipio_envio: '2927408', municipio_envio: 'Salvador', uf_envio: 'BA',
        codigo_municipio_inicio: '2927408', municipio_inicio: 'Salvador', uf_inicio: 'BA',
        codigo_municipio_fim: '4106902', municipio_fim: 'Curitiba', uf_fim: 'PR',
        cnpj_emitente: cnpj,
        cpf_remetente: '52998224725',
        nome_remetente: 'CT-E EMITIDO EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL',
        cnpj_destinatario: '11222333000181',
        nome_destinatario: 'CT-E EMITIDO EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL',
        valor_total: '1500.00',
        valor_receber: '750.00',
        nfes: [{ chave_nfe: '35170458716523000119550010000000121000123458' }],
      };
    case 'mdfe':
      return {
        modal_rodoviario: { rntrc: '12345678', veiculo_tracao: { placa: 'ABC1D23', tara: 10000 } },
        emitente: '1', tipo_transporte: '1', serie: '1', modo_transporte: '1',
        data_emissao: now.toISOString(),
        uf_inicio: 'BA', uf_fim: 'PR',
        cnpj_emitente: cnpj,
        municipios_carregamento: [{ codigo: '2927408', nome: 'Salvador' }],
        municipios_descarregamento: [
          { codigo: '4106902', nome: 'Curitiba', conhecimentos_transporte: [{ chave_cte: '35240111222333000181570010000001231123456788' }] },
        ],
        quantidade_total_cte: 1,
        valor_total_carga: '20000.00',
        codigo_unidade_medida_peso_bruto: '01',
        peso_bruto: '11.0000',
      };
  }
}
