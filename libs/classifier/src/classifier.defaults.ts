import type { ClassifierConfig } from './classifier.schema';

/**
 * The shipped classifier config, so the classifier works without a config directory. It is
 * config/classifier.yaml after validation (defaults applied), comments aside; the schema spec
 * fails if the two drift apart. Tune the YAML (it explains every knob), then mirror it here.
 */
export const defaultClassifierConfig: ClassifierConfig = {
  threshold: 0.5,
  bias: -3.5,
  fieldWeights: { title: 1, summary: 0.7 },
  repeatBoost: { perMention: 0.1, max: 0.3 },
  window: { latin: 40, cjk: 12 },
  maxEvidence: 12,
  subtopicMinWeight: 1,
  ignore: [
    'e commerce', 'ecommerce', 'blue chip*', 'potato chip*', 'poker chip*', 'market cap*', 'cap and trade',
    '纳米', '奈米', '毫米', '厘米', '千米', '平方米', '大米', '玉米', '白米', '米价', '米粉', '米饭', '新米', '精米', '米国債', 'ban ki moon',
    'controle remoto', 'control remoto', 'self control', 'quality control', 'pest control', 'birth control',
    'gun control', 'remote control',
  ],
  language: {
    stopwords: {
      en: [
        'the', 'and', 'of', 'to', 'is', 'for', 'on', 'with', 'that', 'by', 'from', 'its', 'was', 'after',
        'has', 'have', 'will', 'said', 'says', 'are', 'this', 'were', 'which', 'would', 'at', 'as', 'over',
        'amid', 'into', 'than', 'be', 'but', 'new', 'can', 'could',
      ],
      pt: [
        'da', 'do', 'das', 'dos', 'que', 'em', 'para', 'com', 'uma', 'um', 'nao', 'os', 'ao', 'pelo', 'pela',
        'seu', 'sua', 'sao', 'foi', 'apos', 'mais', 'tambem', 'como', 'diz', 'segundo',
      ],
      es: [
        'el', 'la', 'los', 'las', 'del', 'que', 'en', 'por', 'con', 'una', 'para', 'se', 'al', 'es', 'su',
        'sus', 'tras', 'segun', 'mas', 'tambien', 'como', 'pero', 'ha',
      ],
      fr: [
        'le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'pour', 'dans', 'sur', 'au', 'aux', 'par', 'qui',
        'que', 'ne', 'pas', 'son', 'ses', 'apres', 'selon', 'il', 'ont',
      ],
      de: [
        'der', 'die', 'das', 'und', 'den', 'dem', 'des', 'mit', 'ist', 'ein', 'eine', 'nicht', 'fur', 'von',
        'auf', 'im', 'zu', 'sich', 'auch', 'nach', 'bei', 'wird', 'sind', 'hat',
      ],
      it: ['il', 'della', 'che', 'per', 'con', 'non', 'gli', 'nel', 'sono', 'alla', 'delle', 'dei'],
      nl: ['het', 'een', 'van', 'en', 'dat', 'met', 'voor', 'zijn', 'niet', 'wordt', 'ook', 'naar'],
    },
    minScore: 1,
  },
  concepts: {
    export: {
      description: 'Cross-border sale or shipment as a regulated act.',
      weight: 0,
      terms: {
        en: ['export*', 're-export*', 'reexport*', 'outbound shipment*'],
        pt: ['export*', 'reexport*'],
        es: ['export*', 'reexport*'],
        fr: ['export*', 'reexport*', 'réexpédi*'],
        de: ['*export*', 'ausfuhr*', '*ausfuhr*'],
        zh: ['出口', '外销', '输华', '对华出口'],
        ja: ['輸出', '対中輸出', '持ち出し'],
        ko: ['수출', '반출'],
      },
    },
    restriction: {
      description: 'A limit imposed by a government (ban, curb, rule, control, sanction).',
      weight: 0,
      terms: {
        en: [
          'restrict*', 'curb', 'curbs', 'curbed', 'curbing', 'ban', 'bans', 'banned', 'banning', 'prohibit*',
          'limit', 'limits', 'limiting', 'limitation*', 'block', 'blocks', 'blocked', 'blocking', 'bar',
          'bars', 'barred', 'barring', 'halt', 'halts', 'halted', 'halting', 'cut off', 'cuts off',
          'cutting off', 'control', 'controls', 'controlled', 'rule', 'rules', 'regulation*', 'crackdown',
          'crack down', 'cracks down', 'clampdown', 'clamp down', 'tighten*', 'embargo*', 'sanction*',
          'blacklist*', 'veto*', 'forbid*', 'forbidden', 'off limits', 'no longer', 'cannot', 'can t',
          'unable to', 'not allowed', 'loophole*', 'chokepoint*', 'quota*', 'cap on', 'caps on', 'capped',
          'denied', 'deny', 'denies', 'stop selling', 'stopped selling', 'keep out', 'kept out',
        ],
        pt: [
          'restri*', 'proib*', 'limit*', 'bloque*', 'barra', 'barram', 'barrar', 'barrad*', 'veto*', 'vetad*',
          'embargo*', 'sancoes', 'sancao', 'control*', 'regra*', 'regulament*', 'suspen*', 'endurec*',
          'aperta*', 'apertar', 'imped*', 'cota*', 'nao pode', 'nao podem', 'nao consegue', 'impossibilit*',
        ],
        es: [
          'restric*', 'restring*', 'prohib*', 'limit*', 'bloque*', 'veto*', 'vetad*', 'embargo*', 'sanciones',
          'sancion', 'control*', 'regla*', 'norma', 'normas', 'regulac*', 'suspen*', 'endurec*', 'imped*',
          'cuota*', 'no puede', 'no pueden',
        ],
        fr: [
          'restrei*', 'restrict*', 'interdi*', 'limit*', 'bloqu*', 'blocage*', 'embargo*', 'sanction*',
          'controle*', 'regle', 'regles', 'reglement*', 'suspen*', 'durci*', 'resserr*', 'plafon*', 'quota*',
          'ne pourra plus', 'ne pourront plus', 'ne peut plus', 'ne peuvent plus', 'prive de', 'prives de',
          'privee de', 'privees de',
        ],
        de: [
          '*beschrank*', '*verbot*', 'verboten', '*kontroll*', '*sperre*', 'sperr*', '*embargo*',
          '*sanktion*', 'regel', 'regeln', '*regeln', 'verscharf*', 'unterbind*', '*stopp*', 'begrenz*',
          '*auflage*', 'einschrank*', 'untersag*', 'nicht mehr', 'darf nicht', 'durfen nicht', 'quote*',
        ],
        zh: [
          '限制', '管制', '管控', '禁令', '禁止', '禁售', '禁运', '封锁', '制裁', '新规', '规则', '收紧', '加码', '打压', '围堵', '断供',
          '限售', '限令', '不得', '无法', '受限', '暂停', '停止', '叫停', '卡脖子', '封杀',
        ],
        ja: [
          '規制', '制限', '禁止', '禁輸', '制裁', '輸出管理', '差し止め', '阻止', '封じ込め', '締め付け', '規則', '停止', '中止', 'できなく',
          '認めない',
        ],
        ko: ['규제', '제한', '금지', '통제', '제재', '차단', '봉쇄', '규정', '중단', '수 없', '못하게', '막는', '막기', '틀어막'],
      },
    },
    licence: {
      description: 'Permission to ship (licence, waiver, approval) and its refusal or revocation.',
      weight: 0,
      terms: {
        en: [
          'licen*', 'permit', 'permits', 'permission*', 'approv*', 'authoriz*', 'authoris*', 'waiver*',
          'exempt*', 'exemption*', 'validated end user*', '=VEU', 'green light*', 'greenlight*', 'cleared',
          'clears', 'clear to sell', 'go ahead', 'sign off', 'revoke*', 'revoking', 'rescind*',
        ],
        pt: [
          'licen*', 'autoriz*', 'aprovad*', 'aprovac*', 'aprova', 'aprovou', 'aprovar', 'permiss*', 'isen*',
          'sinal verde', 'liberou', 'liberar', 'libera', 'liberacao', 'liberad*', 'revog*',
        ],
        es: ['licencia*', 'autoriz*', 'aprob*', 'permiso*', 'exencion*', 'exime*', 'luz verde', 'revoc*'],
        fr: [
          'licence*', 'autoris*', 'approb*', 'approuv*', 'permis', 'derogation*', 'exempt*', 'feu vert',
          'revoqu*', 'retir*',
        ],
        de: [
          '*lizenz*', '*genehmig*', 'erlaub*', 'bewillig*', '*ausnahme*', 'freigab*', 'freigegeben',
          'grunes licht', 'zugesagt', 'entzieh*', 'entzog*', 'widerruf*',
        ],
        zh: ['许可', '许可证', '批准', '获准', '审批', '核准', '豁免', '授权', '放行', '准许', '核发', '松绑', '撤销', '吊销', '恢复供货', '恢复销售'],
        ja: ['許可', '承認', '認可', '容認', '免除', '包括許可', '解禁', '取り消', '撤回'],
        ko: ['허가', '승인', '면제', '허용', '라이선스', '유예', '취소', '재개'],
      },
    },
    enforcement: {
      description: 'Smuggling, diversion, evasion, and the cases brought over them.',
      weight: 0,
      terms: {
        en: [
          'smuggl*', 'contraband', 'divert*', 'diversion*', 'evad*', 'evasion', 'circumvent*', 'sidestep*',
          'skirt*', 'shell compan*', 'front compan*', 'straw buyer*', 'straw purchas*', 'indict*', 'charged',
          'charges', 'charging', 'arrest*', 'prosecut*', 'fraud*', 'penalt*', 'fined', 'settle*', 'seiz*',
          'raid*', 'probe', 'probes', 'probed', 'probing', 'breach', 'breaches', 'breached', 'resold',
          'resale*', 'resell*', 'investigat*', 'convict*', 'sentenced', 'guilty', 'plead*', 'violat*',
          'illegal*', 'unlicensed', 'unlicenced', 'false statement*', 'relabel*', 'mislabel*', 'end use*',
          'end user*', 'transship*', 'routed', 'rerouted', '=DOJ', 'checks', 'scrutin*', 'inspection*',
          'subpoena*',
        ],
        pt: [
          'contraband*', 'desvi*', 'contorn*', 'empresa de fachada', 'empresas de fachada', 'acusad*',
          'acusa', 'acusac*', 'indiciad*', 'preso', 'presos', 'prisao', 'detid*', 'condenad*', 'condena',
          'fraude*', 'multa*', 'investig*', 'apreen*', 'violac*', 'violou', 'violar', 'ilegal*',
          'sem licenca', 'sem as licencas', 'falsific*', 'transbord*', 'destino final', 'usuario final',
          'fiscaliz*', 'intimac*',
        ],
        es: [
          'contraband*', 'desvi*', 'elud*', 'evadi*', 'empresa pantalla', 'empresas pantalla', 'acusa*',
          'imputad*', 'detenid*', 'arrest*', 'condena*', 'fraude*', 'multa*', 'investig*', 'incaut*',
          'viola*', 'ilegal*', 'sin licencia', 'falsific*', 'transbord*', 'destino final', 'usuario final',
          'vigilancia', 'citacion*', 'fiscalia',
        ],
        fr: [
          'contreband*', 'detourn*', 'contourn*', 'societe ecran', 'societes ecrans', 'inculp*', 'accus*',
          'interpell*', 'condamn*', 'fraude*', 'amende*', 'enquete*', 'saisi*', 'violation*', 'illegal*',
          'faux document*', 'falsifi*', 'transbord*', 'destination finale', 'utilisateur final',
          'controles renforces', 'enfreint', 'enfreindre', 'assignation*', 'parquet', 'justice americaine',
        ],
        de: [
          '*schmuggel*', 'geschmuggelt', 'umgeh*', 'umgeleitet', 'umleit*', '*briefkastenfirm*',
          'scheinfirm*', 'angeklagt', 'anklage*', 'festnahm*', 'festgenommen', 'verhaftet', 'ermittl*',
          '*betrug*', 'strafe*', 'geldstrafe*', 'bussgeld*', 'verstoss*', 'verstiess*', 'illegal*',
          'beschlagnahm*', 'durchsuch*', 'endverbleib*', 'endnutzer*', 'endkunde*', 'vorladung*',
          'staatsanwalt*',
        ],
        zh: [
          '走私', '偷运', '非法出口', '转运', '规避', '绕过', '绕开', '违规', '违反', '违法', '起诉', '逮捕', '拘留', '欺诈', '诈骗', '罚款',
          '罚金', '查获', '空壳公司', '幌子公司', '虚假陈述', '定罪', '判刑', '调查', '经由', '流入', '最终用户', '最终用途', '查验', '传票', '检察官',
        ],
        ja: [
          '密輸', '不正輸出', '迂回', '横流し', '摘発', '起訴', '逮捕', '詐欺', '罰金', '違反', '制裁金', '捜査', '押収', '不正', '転売', '経由',
          '流出', '最終用途', 'エンドユーザー', '検査', '召喚状', '検察',
        ],
        ko: [
          '밀수', '밀반출', '불법 반출', '불법 수출', '우회', '빼돌', '적발', '기소', '체포', '사기', '벌금', '위반', '수사', '압수', '유령회사',
          '페이퍼컴퍼니', '거쳐', '최종 사용', '최종사용자', '검사', '소환장', '검찰',
        ],
      },
    },
    'entity-list': {
      description: 'Trade blacklists that require a licence for any supply.',
      weight: 0,
      terms: {
        en: [
          'entity list*', 'entities list', 'unverified list', 'trade blacklist*', 'military end user*',
          'meu list',
        ],
        pt: ['lista de entidades', 'lista negra', 'lista restritiva', 'lista de restricao'],
        es: ['lista de entidades', 'lista negra'],
        fr: ['liste des entites', 'liste d entites', 'liste noire'],
        de: ['entity list*', 'schwarze liste', 'schwarzen liste'],
        zh: ['实体清单', '实体名单', '黑名单', '实体管制清单'],
        ja: ['エンティティーリスト', 'エンティティリスト', '禁輸リスト', 'ブラックリスト', '輸出禁止リスト'],
        ko: ['엔티티 리스트', '엔티티리스트', '블랙리스트', '거래제한 명단', '수출통제 명단', '우려거래자'],
      },
    },
    novelty: {
      description: 'Something new is imposed or announced (drives the new-restriction subtopic).',
      weight: 0,
      terms: {
        en: [
          'new', 'tighten*', 'expand*', 'widen*', 'extend*', 'unveil*', 'announce*', 'issue*', 'publish*',
          'impose*', 'introduce*', 'add', 'adds', 'added', 'adding', 'update*', 'broaden*', 'closing',
          'close loophole*', 'overhaul*',
        ],
        pt: [
          'novo', 'nova', 'novos', 'novas', 'amplia*', 'anunci*', 'impoe', 'impos', 'impor', 'public*',
          'inclui', 'incluiu', 'atualiz*', 'endurec*', 'passa a', 'passam a',
        ],
        es: [
          'nuevo', 'nueva', 'nuevos', 'nuevas', 'amplia*', 'anunci*', 'impone', 'impuso', 'public*',
          'incluye', 'añade', 'anade', 'suma', 'sumo', 'actualiz*', 'endurec*',
        ],
        fr: [
          'nouveau', 'nouvelle', 'nouveaux', 'nouvelles', 'elargi*', 'etend*', 'annonc*', 'impose*', 'publi*',
          'ajoute*', 'durci*', 'desormais',
        ],
        de: [
          'neue', 'neuen', 'neuer', 'neues', 'erweiter*', 'weitet', 'verscharf*', 'angekundigt', 'kundigt',
          'verhangt', 'setzen', 'setzt', 'ab sofort', 'kunftig',
        ],
        zh: ['新规', '新措施', '扩大', '更新', '发布', '公布', '宣布', '列入', '纳入', '新增', '收紧', '加码', '升级'],
        ja: ['新た', '追加', '拡大', '強化', '発表', '公表', '導入', '対象に'],
        ko: ['새', '신규', '추가', '확대', '강화', '발표', '도입', '올려'],
      },
    },
    chip: {
      description: 'Chips, semiconductors and AI compute hardware.',
      weight: 0,
      terms: {
        en: [
          'chip', 'chips', 'chipmak*', 'chipset*', 'microchip*', 'semiconductor*', 'gpu', 'gpus',
          'graphics processor*', 'graphics card*', 'accelerator*', 'processor*', 'computing power',
          'compute capacity', 'hbm', 'high bandwidth memory', 'memory chip*', 'wafer*', 'fab', 'fabs',
          'foundry', 'foundries', 'integrated circuit*', 'supercomput*', 'ai server*', 'data center gpu*',
          'data centre gpu*',
        ],
        pt: [
          'chip', 'chips', 'semicondutor*', 'processador*', 'acelerador*', 'placa de video',
          'placas de video', 'microchip*', 'poder computacional', 'capacidade computacional',
          'recursos computacionais', 'poder de computacao', 'memoria hbm', 'memorias hbm', 'supercomputador*',
        ],
        es: [
          'chip', 'chips', 'semiconductor*', 'procesador*', 'acelerador*', 'tarjeta grafica',
          'tarjetas graficas', 'microchip*', 'potencia de calculo', 'capacidad de computo',
          'supercomputador*',
        ],
        fr: [
          'puce', 'puces', 'semi conducteur*', 'semiconducteur*', 'processeur*', 'accelerateur*',
          'carte graphique', 'cartes graphiques', 'puissance de calcul', 'supercalculat*',
        ],
        de: [
          '*chip', '*chips', 'chip*', '*halbleiter*', '*prozessor*', '*beschleuniger*', 'grafikprozessor*',
          'grafikkart*', '*rechenleistung*', 'speicherchip*', 'supercomputer*', '*rechenzentrumschip*',
        ],
        zh: ['芯片', '晶片', '半导体', '处理器', '加速器', '加速卡', '显卡', '算力', '高带宽内存', '存储芯片', '集成电路', '晶圆', '超算', '超级计算机'],
        ja: [
          '半導体', 'チップ', '画像処理半導体', 'プロセッサー', 'プロセッサ', 'アクセラレーター', '計算資源', '計算能力', '広帯域メモリー', 'スーパーコンピューター',
          'スパコン',
        ],
        ko: ['반도체', '칩', '프로세서', '가속기', '그래픽처리장치', '연산', '고대역폭메모리', '슈퍼컴퓨터', '웨이퍼'],
      },
    },
    ai: {
      description: 'Artificial intelligence.',
      weight: 0,
      terms: {
        en: ['=AI', '=A I', 'artificial intelligence', 'generative ai', 'frontier model*'],
        pt: ['=IA', 'inteligencia artificial'],
        es: ['=IA', 'inteligencia artificial'],
        fr: ['=IA', 'intelligence artificielle'],
        de: ['=KI', 'kunstliche intelligenz'],
        zh: ['人工智能', '人工智慧', '大模型'],
        ja: ['人工知能', '生成AI'],
        ko: ['인공지능'],
      },
    },
    advanced: {
      description: 'Leading-edge, the qualifier controls are written around.',
      weight: 0,
      terms: {
        en: [
          'advanced', 'cutting edge', 'high end', 'top end', 'top of the line', 'most powerful',
          'most capable', 'leading edge', 'state of the art', 'high performance', 'frontier',
        ],
        pt: ['avancad*', 'de ponta', 'ultima geracao', 'alto desempenho', 'mais potentes', 'mais avancad*'],
        es: ['avanzad*', 'de ultima generacion', 'gama alta', 'alto rendimiento', 'mas potentes', 'mas avanzad*'],
        fr: [
          'avance', 'avances', 'avancee', 'avancees', 'haut de gamme', 'de pointe', 'plus puissant*',
          'hautes performances',
        ],
        de: ['fortschrittlich*', '*hochleistungs*', 'modernst*', '*spitzen*', 'leistungsstark*'],
        zh: ['先进', '高端', '尖端', '最先进', '高性能'],
        ja: ['先端', '高性能', '最先端'],
        ko: ['첨단', '고성능', '최첨단'],
      },
    },
    server: {
      description: 'Servers, the usual package for diverted accelerators.',
      weight: 0,
      terms: {
        en: ['server', 'servers', 'data center*', 'data centre*', 'datacenter*'],
        pt: ['servidor*', 'centros de dados', 'data center*'],
        es: ['servidor*', 'centros de datos', 'centro de datos'],
        fr: ['serveur*', 'centres de donnees', 'centre de donnees'],
        de: ['server', 'servern', 'rechenzentr*'],
        zh: ['服务器', '数据中心', '伺服器'],
        ja: ['サーバー', 'データセンター'],
        ko: ['서버', '데이터센터'],
      },
    },
    'control-regime': {
      description: 'Named export-control rules and lists; naming one is enough.',
      weight: 0,
      terms: {
        en: [
          'ai diffusion*', 'diffusion rule', 'diffusion framework', 'foreign direct product rule*', '=FDPR',
          'direct product rule', 'affiliates rule', 'chip security act', 'gain ai act',
          'export administration regulation*', '=EAR', 'wassenaar', 'general prohibition 10',
          'validated end user*',
        ],
        pt: ['regra de difusao', 'difusao de ia', 'regra de produto direto estrangeiro', 'regra das afiliadas'],
        es: ['regla de difusion', 'difusion de ia', 'regla de producto directo extranjero', 'regla de filiales'],
        fr: ['regle de diffusion', 'diffusion de l ia', 'regle du produit direct etranger'],
        de: ['diffusionsregel', 'ki diffusion*', 'direktprodukt*'],
        zh: ['扩散规则', '人工智能扩散', '外国直接产品规则', '瓦森纳', '出口管理条例', '芯片安全法'],
        ja: ['拡散規則', '外国直接製品規則', '直接製品規則', 'ワッセナー', '輸出管理規則'],
        ko: ['확산 규칙', '해외직접생산품규칙', '바세나르', '수출관리규정', '칩 보안법'],
      },
    },
    tool: {
      description: 'Chipmaking equipment and chip-design software.',
      weight: 0,
      terms: {
        en: [
          'lithograph*', '=EUV', '=DUV', 'extreme ultraviolet', 'deep ultraviolet', 'scanner*',
          'chipmaking equipment', 'chipmaking tool*', 'chip making equipment', 'chip making tool*',
          'semiconductor equipment', 'semiconductor manufacturing equipment', 'wafer fab equipment',
          'fab equipment', 'fab tool*', 'etch*', 'deposition', 'ion implant*', '=EDA',
          'electronic design automation', 'chip design software', 'chip design tool*', 'design software',
        ],
        pt: [
          'litograf*', 'equipamentos de fabricacao', 'maquinas de litografia', 'software de projeto de chips',
          'software de design de chips',
        ],
        es: [
          'litograf*', 'equipos de fabricacion', 'maquinas de litografia', 'software de diseno de chips',
          'herramientas eda',
        ],
        fr: [
          'lithograph*', 'equipements de fabrication', 'machines de lithographie', 'logiciels de conception',
          'equipements de gravure',
        ],
        de: [
          'lithograf*', 'lithograph*', '*belichtungs*', 'chipanlage*', '*halbleiterausrust*', 'chipmaschine*',
          'entwurfssoftware',
        ],
        zh: ['光刻机', '光刻', '刻蚀', '蚀刻', '沉积设备', '制造设备', '半导体设备', '设计软件'],
        ja: ['露光装置', '製造装置', '半導体製造装置', 'エッチング', '成膜', '洗浄装置', '設計ソフト'],
        ko: ['노광장비', '노광', '식각', '증착', '반도체 장비', '제조장비', '설계 소프트웨어'],
      },
    },
    equipment: {
      description: 'Generic machines and tools; only meaningful next to a chip word (see chip-tool).',
      weight: 0,
      terms: {
        en: ['equipment', 'tool', 'tools', 'machine*', 'gear', 'systems'],
        pt: ['equipamento*', 'maquina*', 'ferramenta*'],
        es: ['equipos', 'maquina*', 'herramienta*'],
        fr: ['equipement*', 'machine*', 'outil*'],
        de: ['*anlagen', '*ausrustung*', 'maschine*', '*gerate*', 'werkzeug*'],
        zh: ['设备', '机台', '工具'],
        ja: ['装置', '機械'],
        ko: ['장비', '기계'],
      },
    },
    'ai-chip': { description: 'Named AI accelerators such as H20 or MI308 (from entities).', weight: 0, terms: {} },
    'chip-company': { description: 'Chip designers and makers (from entities).', weight: 0, terms: {} },
    'tool-company': { description: 'Chip-equipment and EDA vendors (from entities).', weight: 0, terms: {} },
    'ai-company': {
      description: 'AI developers and cloud groups whose chip access is at stake (from entities).',
      weight: 0,
      terms: {},
    },
    'china-company': { description: 'Chinese companies (from entities).', weight: 0, terms: {} },
    china: {
      description: 'China as destination or actor.',
      weight: 0,
      terms: {
        en: ['chinese', 'sino', 'prc', 'mainland'],
        pt: ['chines', 'chinesa', 'chineses', 'chinesas'],
        es: ['chino', 'china', 'chinos', 'chinas'],
        fr: ['chinois*'],
        de: ['chinesisch*', 'volksrepublik'],
        zh: ['对华', '中方', '国产', '中资'],
        ja: ['対中', '中国向け', '中国製', '中国企業'],
        ko: ['대중국', '대중 수출', '대중 제재', '대중 규제', '대중 판매', '대중 반도체', '대중 견제', '중국산', '중국 기업'],
      },
    },
    'china-gov': {
      description: 'The Chinese state (ministries, regulators, Beijing).',
      weight: 0,
      terms: {
        en: [
          'beijing', 'chinese government', 'chinese authorities', 'chinese regulator*', 'china s regulator*',
          'chinese officials', 'china s government', 'cyberspace administration', 'market regulator', '=MIIT',
          '=NDRC', 'chinese customs', 'china s customs', 'state council',
        ],
        pt: [
          'pequim', 'governo chines', 'autoridades chinesas', 'reguladores chineses', 'regulador chines',
          'alfandega chinesa',
        ],
        es: [
          'pekin', 'gobierno chino', 'autoridades chinas', 'reguladores chinos', 'regulador chino',
          'aduanas chinas',
        ],
        fr: [
          'pekin', 'gouvernement chinois', 'autorites chinoises', 'regulateur chinois', 'regulateurs chinois',
          'douanes chinoises',
        ],
        de: [
          'peking', 'chinesische regierung', 'chinesischen regierung', 'chinesische behorde*',
          'chinesischen behorde*', 'chinesische aufsicht*',
        ],
        zh: ['中国政府', '中方', '网信办', '国家互联网信息办公室', '工信部', '发改委', '海关总署', '中国海关', '有关部门', '监管部门', '中国当局'],
        ja: ['中国当局', '中国政府', '北京', '中国商務省', '中国税関'],
        ko: ['중국 정부', '중국 당국', '중국 상무부', '베이징', '중국 세관'],
      },
    },
    'us-gov': {
      description: 'The US executive branch acting on trade.',
      weight: 0,
      terms: {
        en: [
          'washington', 'white house', 'trump administration', 'biden administration', 'us government',
          'u s government', 'us officials', 'u s officials', 'american officials', 'federal register',
          'commerce secretary', 'trade officials', 'trump', 'biden', 'lutnick', 'raimondo',
        ],
        pt: [
          'washington', 'casa branca', 'governo americano', 'governo dos eua', 'governo trump',
          'governo biden', 'governo norte americano',
        ],
        es: [
          'washington', 'casa blanca', 'gobierno estadounidense', 'gobierno de ee uu', 'gobierno de eeuu',
          'administracion trump', 'administracion biden',
        ],
        fr: [
          'washington', 'maison blanche', 'administration americaine', 'gouvernement americain',
          'administration trump', 'administration biden',
        ],
        de: [
          'washington', 'weisse haus', 'weissen haus', 'us regierung', 'amerikanische regierung',
          'trump regierung', 'regierung trump', 'biden regierung',
        ],
        zh: ['美国政府', '美方', '白宫', '拜登政府', '特朗普政府', '川普政府', '美国官员', '特朗普', '川普', '拜登'],
        ja: ['米政府', '米国政府', 'ホワイトハウス', 'トランプ政権', 'バイデン政権', '米当局', 'トランプ', 'バイデン'],
        ko: ['미국 정부', '미 정부', '백악관', '트럼프 행정부', '바이든 행정부', '미 당국', '트럼프', '바이든'],
      },
    },
    us: { description: 'The United States (from entities).', weight: 0, terms: {} },
    ally: {
      description: 'Countries that run their own chip controls in step with the US.',
      weight: 0,
      terms: {
        en: ['allies', 'allied', 'partner countries'],
        pt: ['aliados'],
        es: ['aliados'],
        fr: ['allies'],
        de: ['verbundete*'],
        zh: ['盟友', '美日荷'],
        ja: ['同盟国', '日米蘭'],
        ko: ['동맹국'],
      },
    },
    'transit-hub': {
      description: 'Where diverted chips and rented compute usually pass (plus "third countries").',
      weight: 0,
      terms: {
        en: ['third countr*', 'intermediar*', 'southeast asia*'],
        pt: ['terceiros paises', 'sudeste asiatico'],
        es: ['terceros paises', 'sudeste asiatico'],
        fr: ['pays tiers', 'asie du sud est'],
        de: ['drittstaat*', 'drittland*', 'drittlander*', 'sudostasien'],
        zh: ['第三国', '东南亚'],
        ja: ['第三国', '東南アジア'],
        ko: ['제3국', '동남아'],
      },
    },
    'restricted-destination': { description: 'Other destinations under chip controls (from entities).', weight: 0, terms: {} },
    sales: {
      description: 'Selling, shipping, supplying, buying.',
      weight: 0,
      terms: {
        en: [
          'sell', 'sells', 'selling', 'sale', 'sales', 'sold', 'ship', 'ships', 'shipping', 'shipment*',
          'shipped', 'deliver*', 'supply', 'supplies', 'supplying', 'supplied', 'purchase*', 'purchasing',
          'buy', 'buys', 'buying', 'bought', 'orders', 'access',
        ],
        pt: ['vend*', 'embarque*', 'envio*', 'envia*', 'entrega*', 'forneci*', 'fornec*', 'compra*', 'acesso'],
        es: ['vend*', 'venta*', 'envio*', 'envia*', 'entrega*', 'suministr*', 'compra*', 'abastec*', 'acceso'],
        fr: ['vend*', 'vente*', 'livr*', 'expedi*', 'fourni*', 'achat*', 'achet*', 'acces'],
        de: ['verkauf*', '*verkauf*', 'liefer*', '*liefer*', 'kauf*', 'bestell*', 'zugang'],
        zh: ['销售', '出售', '供货', '供应', '出货', '交付', '采购', '购买', '售', '订单'],
        ja: ['販売', '出荷', '供給', '納入', '調達', '購入', '入手', '売却'],
        ko: ['판매', '공급', '출하', '구매', '납품', '도입', '구입', '팔'],
      },
    },
    discourage: {
      description: 'A government steering buyers away from a product.',
      weight: 0,
      terms: {
        en: [
          'avoid*', 'discourag*', 'shun*', 'stop buying', 'stop using', 'cancel orders', 'cancel purchases',
          'scrap purchases', 'refrain*', 'steer away', 'justify purchases', 'justify orders', 'explain why',
          'not to use', 'not to buy', 'told not to',
        ],
        pt: [
          'evitar', 'evite', 'evitem', 'desencoraj*', 'desaconselh*', 'deixar de comprar', 'cancelar compras',
          'cancelar encomendas', 'justifique*', 'justificar',
        ],
        es: [
          'desaconsej*', 'evitar', 'eviten', 'dejar de comprar', 'cancelar pedidos', 'cancelar compras',
          'justifiquen', 'justificar',
        ],
        fr: ['eviter', 'dissuad*', 'deconseill*', 'renoncer', 'annuler les commandes', 'justifier'],
        de: ['meiden', 'vermeiden', 'verzicht*', 'abraten', 'abgeraten', 'storn*', 'begrunden'],
        zh: ['避免', '暂停采购', '停止采购', '不要购买', '劝阻', '约谈', '取消订单', '减少采购', '说明情况', '停止使用'],
        ja: ['自制', '控える', '購入停止', '使わない', '避ける', '自粛', '使用を控え'],
        ko: ['자제', '구매 중단', '사용하지 말', '사용 중단', '권고'],
      },
    },
    countermeasure: {
      description: 'Retaliation and pressure by China in the chip fight.',
      weight: 0,
      terms: {
        en: [
          'retaliat*', 'countermeasure*', 'counter measure*', 'reprisal*', 'tit for tat', 'hits back',
          'hit back', 'strikes back', 'antitrust', 'anti trust', 'antimonopoly', 'anti monopoly',
          'anti dumping', 'antidumping', 'anti discrimination', 'cybersecurity review', 'security review',
          'security risk*', 'security concern*', 'backdoor*', 'back door*', 'unreliable entit*',
        ],
        pt: [
          'retalia*', 'represalia*', 'contramedida*', 'antitruste', 'antimonopolio', 'antidumping',
          'riscos de seguranca', 'revisao de seguranca', 'porta dos fundos', 'porta traseira',
        ],
        es: [
          'represalia*', 'contramedida*', 'antimonopolio', 'antidumping', 'riesgos de seguridad',
          'puerta trasera', 'revision de seguridad',
        ],
        fr: [
          'represailles', 'riposte*', 'contre mesure*', 'antitrust', 'antidumping', 'risques de securite',
          'porte derobee',
        ],
        de: [
          'vergeltung*', 'gegenmassnahme*', 'kartell*', 'antidumping', 'sicherheitsrisik*', 'hintertur*',
          'sicherheitsbedenken',
        ],
        zh: ['反制', '报复', '反击', '反垄断', '反倾销', '反歧视', '网络安全审查', '安全审查', '安全风险', '后门', '不可靠实体清单', '追踪定位', '远程关闭'],
        ja: ['対抗措置', '対抗', '報復', '独占禁止法', '反トラスト', '反ダンピング', 'セキュリティー審査', 'セキュリティー上', '安全保障上の懸念', 'バックドア'],
        ko: ['보복', '맞대응', '대응 조치', '반독점', '반덤핑', '보안 심사', '보안 우려', '백도어'],
      },
    },
    mineral: {
      description: 'Chip-making raw materials China controls.',
      weight: 0,
      terms: {
        en: ['gallium', 'germanium', 'antimony', 'graphite', 'rare earth*', 'critical mineral*'],
        pt: ['galio', 'germanio', 'antimonio', 'terras raras', 'grafite'],
        es: ['galio', 'germanio', 'antimonio', 'tierras raras', 'grafito'],
        fr: ['gallium', 'germanium', 'antimoine', 'terres rares', 'graphite'],
        de: ['gallium', 'germanium', 'antimon', 'seltene erden', 'seltenen erden', 'graphit'],
        zh: ['镓', '锗', '锑', '稀土', '石墨'],
        ja: ['ガリウム', 'ゲルマニウム', 'アンチモン', 'レアアース', '黒鉛'],
        ko: ['갈륨', '게르마늄', '안티몬', '희토류', '흑연'],
      },
    },
    impact: {
      description: 'Business consequences (revenue, charges, delays, substitution).',
      weight: 0,
      terms: {
        en: [
          'revenue*', 'charge', 'write down*', 'writedown*', 'write off*', 'inventory', 'loss', 'losses',
          'lose', 'loses', 'losing', 'lost', 'forfeit*', 'hit', 'hits', 'hurt*', 'dent', 'dents', 'dented',
          'denting', 'forecast*', 'guidance', 'outlook', 'profit*', 'delay*', 'postpone*', 'held back',
          'hold back', 'setback*', 'shortfall*', 'market share', 'scarce', 'scarcity', 'alternative*',
          'replace*', 'substitut*', 'fill the gap', 'domestic supplier*', 'turn to', 'turns to', 'turning to',
          'dries up', 'dried up', 'stall*', 'struggl*', 'hamper*',
        ],
        pt: [
          'receita*', 'faturamento', 'prejuiz*', 'perda*', 'perder', 'perdeu', 'estoque*', 'atras*', 'adia*',
          'impact*', 'prejudic*', 'lucro*', 'previs*', 'projec*', 'alternativa*', 'substitu*', 'dificuldade*',
          'obstaculo*', 'travam', 'trava', 'espaco deixado', 'ocupar espaco',
        ],
        es: [
          'ingreso*', 'perdida*', 'perder*', 'cargo', 'inventario', 'retras*', 'impacto*', 'afect*',
          'previsi*', 'beneficio*', 'alternativa*', 'sustitu*', 'dificult*', 'gana terreno', 'ganar terreno',
        ],
        fr: [
          'chiffre d affaires', 'perte*', 'perdre', 'manque a gagner', 'stock*', 'deprecia*', 'retard*',
          'impact*', 'prevision*', 'benefice*', 'alternative*', 'remplac*', 'milliards de ventes',
        ],
        de: [
          'umsatz*', 'verlust*', 'abschreib*', '*abschreibung*', 'prognose*', 'gewinn*', 'einbu*',
          'verzoger*', 'ersatz*', 'alternative*', 'lucke', 'kostet', 'kosten',
        ],
        zh: ['营收', '收入', '营业额', '损失', '减记', '费用', '库存', '延迟', '推迟', '延后', '影响', '冲击', '替代', '份额', '下滑', '不足'],
        ja: ['売上', '損失', '評価損', '費用', '在庫', '遅れ', '延期', '影響', '打撃', '業績', '代替', '穴埋め', '減収'],
        ko: ['매출', '손실', '상각', '비용', '재고', '지연', '연기', '영향', '타격', '실적', '대체', '빈자리'],
      },
    },
    market: {
      description: 'Share-price and investor reaction.',
      weight: 0,
      terms: {
        en: [
          'shares', 'stock', 'stocks', 'share price*', 'investors', 'sell off', 'selloff', 'slump*',
          'tumble*', 'plunge*', 'slid', 'slide*', 'fell', 'drop*', 'rall*', 'sank', 'sink*', 'nasdaq',
          'market value',
        ],
        pt: ['acoes', 'papeis', 'bolsa', 'recua*', 'caem', 'caiu', 'queda*', 'despenc*', 'investidor*'],
        es: ['acciones', 'bolsa', 'caen', 'cae', 'cayo', 'caida*', 'desplom*', 'inversor*', 'titulos', 'bajaron'],
        fr: [
          'bourse', 'titre', 'titres', 'recul*', 'chute*', 'cede*', 'investisseur*', 'valeurs', 'action',
          'actions',
        ],
        de: [
          'aktie*', '*aktie*', 'kurs*', 'borse*', 'anleger*', '*werte', 'fiel', 'fallt', 'sturz*',
          '*absturz*', 'gab nach',
        ],
        zh: ['股价', '股票', '下跌', '大跌', '重挫', '暴跌', '走低', '应声', '投资者', '股市', '半导体股', '芯片股', '市值'],
        ja: ['株価', '株式市場', '関連株', '半導体株', '装置株', '下落', '急落', '売られ', '値下がり', '投資家', '銘柄', '東京市場'],
        ko: ['주가', '주식', '하락', '급락', '약세', '투자자', '종목', '반도체주', '장비주'],
      },
    },
    policy: {
      description: 'Legislators, bills and the policy argument.',
      weight: 0,
      terms: {
        en: [
          'lawmaker*', 'legislator*', 'senator*', 'senate', 'congress*', 'bill', 'legislation', 'hawk*',
          'debate*', 'critic*', 'criticis*', 'criticiz*', 'national security', 'urges', 'urged', 'urging',
          'letter', 'hearing', 'proposal*', 'proposed', 'proposes', 'think tank*', 'weighs', 'weighing',
          'considering', 'considers', 'mulls', 'mulling', 'lobby*', 'argue*', 'act',
        ],
        pt: [
          'parlamentar*', 'senador*', 'deputad*', 'congresso', 'projeto de lei', 'lei', 'debate*', 'critic*',
          'propo*', 'carta', 'especialista*', 'seguranca nacional', 'avalia*', 'defend*', 'diverge*',
        ],
        es: [
          'legislador*', 'senador*', 'congresista*', 'congreso', 'proyecto de ley', 'ley', 'debate*',
          'critic*', 'propuest*', 'propone*', 'carta', 'halcon*', 'experto*',
        ],
        fr: [
          'elu', 'elus', 'senateur*', 'parlement*', 'congres', 'projet de loi', 'proposition de loi', 'loi',
          'debat*', 'critique*', 'lettre', 'denonc*', 'divise',
        ],
        de: [
          'abgeordnete*', 'senator*', 'kongress', 'gesetz*', 'debatte*', 'streit*', 'kritik*', 'kritisier*',
          'warn*', 'fordern', 'fordert', 'forderung*', 'brief', 'fehlschlag',
        ],
        zh: ['议员', '国会', '法案', '提案', '立法', '辩论', '呼吁', '致信', '鹰派', '参议员', '众议院', '参议院', '争议'],
        ja: ['議員', '議会', '法案', '審議', '議論', '強硬派', '是非', '書簡'],
        ko: ['의원', '의회', '법안', '발의', '정치권', '공방', '강경파', '논란', '서한'],
      },
    },
    'file-export': {
      description: 'Export in the software sense (CSV, PDF, chat history).',
      weight: -4,
      terms: {
        en: [
          'csv', 'pdf', 'xlsx', 'excel', 'spreadsheet*', 'file', 'files', 'download*', 'markdown',
          'powerpoint', 'save as', 'how to', 'step by step', 'workspace', 'plugin',
        ],
        pt: ['arquivo*', 'planilha*', 'passo a passo', 'como exportar', 'baixar'],
        es: ['archivo*', 'hoja de calculo', 'paso a paso', 'como exportar', 'descargar'],
        fr: ['fichier*', 'tableur', 'comment exporter', 'telecharg*', 'tutoriel'],
        de: ['datei*', 'tabelle*', 'so geht', 'exportieren sie', 'anleitung'],
        zh: ['导出', '聊天记录', '文本文件', '表格文件'],
        ja: ['エクスポート', 'ファイル'],
        ko: ['내보내', '파일', '엑셀'],
      },
    },
    tariff: {
      description: 'Import duties (not export controls).',
      weight: -2,
      terms: {
        en: [
          'tariff*', 'duty', 'duties', 'levy', 'levies', 'import tax*', 'customs duties', 'section 232',
          'section 301', 'surcharge*',
        ],
        pt: ['tarifa*', 'sobretaxa*', 'imposto de importacao', 'taxa das'],
        es: ['arancel*', 'gravamen*', 'gravamenes'],
        fr: ['droits de douane', 'droit de douane', 'surtax*', 'droits compensatoires'],
        de: ['zoll', 'zolle', '*zolle', '*zoll', 'zolls', 'abgabe*'],
        zh: ['关税', '加征'],
        ja: ['関税'],
        ko: ['관세'],
      },
    },
    commodity: {
      description: 'Non-chip goods whose export bans look like chip stories.',
      weight: -2.5,
      terms: {
        en: [
          'oil', 'crude', 'petroleum', 'gasoline', 'diesel', '=LNG', 'natural gas', 'coal', 'grain', 'wheat',
          'rice', 'corn', 'soy*', 'sugar', 'beef', 'chicken', 'poultry', 'coffee', 'avocado*', 'wine',
          'cognac', 'fertilizer*', 'fertiliser*', 'urea', 'onion*', 'uranium', 'arms', 'weapon*', 'firearm*',
          'gun', 'guns', 'timber', 'nickel ore', 'steel', 'aluminium', 'aluminum',
        ],
        pt: [
          'petroleo', 'gasolina', 'diesel', 'soja', 'acucar', 'cafe', 'carne', 'carnes', 'frango', 'milho',
          'trigo', 'arroz', 'minerio', 'madeira', 'armas', 'armamento*', 'cebola*', 'uranio', 'aco',
        ],
        es: [
          'petroleo', 'crudo', 'gasolina', 'soja', 'azucar', 'cafe', 'carne', 'trigo', 'maiz', 'arroz',
          'aguacate*', 'armas', 'fertilizante*', 'acero',
        ],
        fr: [
          'petrole', 'gazole', 'ble', 'riz', 'soja', 'sucre', 'vin', 'vins', 'cognac', 'armes', 'armement*',
          'engrais', 'uree', 'acier',
        ],
        de: [
          'ol', 'rohol', 'erdol', 'benzin', 'diesel', 'getreide', 'weizen', 'reis', 'soja', 'zucker', 'wein',
          '*waffen*', '*rustung*', 'dunger', 'harnstoff', 'stahl',
        ],
        zh: [
          '石油', '原油', '汽油', '柴油', '天然气', '煤炭', '粮食', '小麦', '大豆', '白糖', '食糖', '牛肉', '化肥', '尿素', '武器', '军火',
          '军售', '钢铝', '钢铁',
        ],
        ja: [
          '石油', '原油', '石油精製品', 'ガソリン', '天然ガス', '穀物', '小麦', 'コメ', '大豆', '砂糖', '牛肉', '肥料', '尿素', '武器', '防衛装備',
          '鉄鋼',
        ],
        ko: ['석유', '원유', '휘발유', '천연가스', '곡물', '쌀', '대두', '설탕', '소고기', '비료', '요소수', '무기', '방산', '니켈', '원광', '철강'],
      },
    },
    autos: {
      description: 'Cars; chip-shortage and EV-tariff stories are about them.',
      weight: -1,
      terms: {
        en: [
          'car', 'cars', 'carmaker*', 'automaker*', 'vehicle*', '=EV', '=EVs', 'electric vehicle*',
          'auto industry', 'auto parts',
        ],
        pt: ['carro', 'carros', 'montadora*', 'veiculo*', 'automotiv*'],
        es: ['coche*', 'automotriz', 'vehiculo*', 'autos'],
        fr: ['voiture*', 'constructeur automobile', 'automobile*', 'vehicule*'],
        de: ['autobauer', 'pkw', '*fahrzeug*', 'autoindustrie', 'autoexport*', 'elektroauto*'],
        zh: ['汽车', '车企', '电动汽车', '电动车', '车规级'],
        ja: ['自動車', '車載'],
        ko: ['자동차', '차량용', '완성차'],
      },
    },
    shortage: {
      description: 'Supply shortages (not caused by controls).',
      weight: -1.5,
      terms: {
        en: ['shortage*', 'supply crunch', 'supply crisis'],
        pt: ['escassez', 'falta de chips', 'falta de componentes', 'crise de chips'],
        es: ['escasez', 'falta de componentes'],
        fr: ['penurie*', 'manque de semi conducteurs', 'manque de composants'],
        de: ['*mangel*', 'knappheit', '*engpass*', 'chipkrise'],
        zh: ['短缺', '缺芯', '紧缺', '供应紧张'],
        ja: ['半導体不足', '供給不足', '品薄', '逼迫'],
        ko: ['부족', '수급난', '품귀'],
      },
    },
    subsidy: {
      description: 'Chip subsidies and grants.',
      weight: -2,
      terms: {
        en: ['subsid*', 'incentive*', 'chips act', 'chips and science', 'state aid'],
        pt: ['subsidi*', 'incentivo*', 'incentivos fiscais'],
        es: ['subvencion*', 'ayudas publicas', 'incentivo*', 'perte'],
        fr: ['subvention*', 'aides publiques', 'aides d etat', 'france 2030', 'chips act'],
        de: ['subvention*', 'beihilfe*', 'zuschuss*', 'fordermittel*', 'milliardenforderung'],
        zh: ['补贴', '补助', '大基金', '产业投资基金', '扶持'],
        ja: ['補助金', '補助', '助成'],
        ko: ['보조금', '세액 공제'],
      },
    },
    app: {
      description: 'App and platform bans.',
      weight: -1.5,
      terms: {
        en: [
          'app', 'apps', 'chatbot', 'app store', 'social network', 'government devices', 'official devices',
          'phones',
        ],
        pt: ['aplicativo*', 'rede social'],
        es: ['aplicacion', 'red social'],
        fr: ['application', 'applications', 'appli'],
        de: ['app', 'apps'],
        zh: ['应用程序', '剥离'],
        ja: ['アプリ'],
        ko: ['앱'],
      },
    },
    'consumer-device': {
      description: 'Phones, laptops and game hardware launches.',
      weight: -0.7,
      terms: {
        en: ['smartphone*', 'laptop*', 'notebook*', 'gaming', 'console*', 'foldable'],
        pt: ['celular*', 'smartphone*', 'notebook*', 'gamer*'],
        es: ['movil', 'moviles', 'smartphone*', 'portatil*', 'consola*'],
        fr: ['smartphone*', 'telephone*', 'portable*'],
        de: ['smartphone*', 'handy*', 'notebook*'],
        zh: ['手机', '笔记本电脑', '游戏显卡', '折叠屏'],
        ja: ['スマホ', 'スマートフォン', 'ゲーム'],
        ko: ['스마트폰', '폴더블폰', '노트북', '갤럭시'],
      },
    },
  },
  derived: {
    'export-control': {
      description: 'An export word next to a restriction or licence word ("export controls", "出口管制", "Exportverbot").',
      near: [
        'export',
        ['restriction', 'licence', 'entity-list'],
      ],
      weight: 0,
    },
    'sales-block': {
      description: 'Selling or shipping next to a restriction ("halt sales", "barred from selling", "판매 제한").',
      near: [
        'sales',
        ['restriction', 'licence'],
      ],
      weight: 0,
    },
    'ai-compute': {
      description: 'AI next to chip or server ("AI chips", "KI-Chips", "AI半導体", "servidores de IA").',
      near: [
        'ai',
        ['chip', 'server'],
      ],
      weight: 0,
    },
    'advanced-compute': {
      description: 'Leading-edge chips ("advanced chips", "先端半導体", "첨단 칩").',
      near: [
        'advanced',
        ['chip', 'server'],
      ],
      weight: 0,
    },
    'chip-tool': {
      description: 'Generic equipment next to a chip word ("semiconductor equipment", "Chipanlagen").',
      near: ['equipment', 'chip'],
      weight: 0,
    },
    'china-discourage': {
      description: 'The Chinese state steering buyers away ("Beijing tells firms to avoid"); actor and verb may be a clause apart.',
      near: [
        ['china-gov', 'china'],
        'discourage',
      ],
      weight: 0,
      window: { latin: 80, cjk: 30 },
    },
    'new-rule': {
      description: 'A restriction described as new or tightened.',
      near: [
        'novelty',
        ['restriction', 'entity-list', 'licence'],
      ],
      weight: 0,
    },
  },
  signals: [
    {
      id: 'export-control-on-tech',
      all: [
        'export-control',
        ['chip', 'ai-compute', 'tool', 'chip-tool', 'chip-company', 'tool-company'],
      ],
      weight: 5,
    },
    {
      id: 'export-control-on-ai-players',
      all: [
        'export-control',
        ['ai-company', 'ai'],
      ],
      weight: 3,
    },
    { id: 'export-control-mentioned', all: ['export-control'], weight: 1.5 },
    {
      id: 'tech-restricted-for-china',
      all: [
        'restriction',
        ['chip', 'ai-compute', 'tool', 'chip-tool', 'chip-company', 'tool-company'],
        ['china', 'china-company', 'china-gov', 'restricted-destination', 'transit-hub'],
      ],
      weight: 3,
    },
    {
      id: 'new-rule-on-tech',
      all: [
        'new-rule',
        ['chip', 'ai-compute', 'tool', 'chip-tool', 'chip-company', 'tool-company'],
        ['export-control', 'us-gov', 'us', 'china', 'ally'],
      ],
      weight: 1.5,
      subtopic: 'new-restriction',
    },
    {
      id: 'us-government-on-chips-for-china',
      all: [
        'us-gov',
        ['ai-compute', 'chip', 'tool', 'chip-company', 'tool-company'],
        ['china', 'china-company'],
      ],
      weight: 1,
    },
    { id: 'named-control-regime', all: ['control-regime'], weight: 4.5 },
    {
      id: 'advanced-chips-to-china',
      all: [
        ['export', 'sales'],
        ['ai-chip', 'ai-compute', 'advanced-compute'],
        ['china', 'china-company', 'china-gov'],
      ],
      weight: 2.5,
    },
    { id: 'entity-list', all: ['entity-list'], weight: 3.5, subtopic: 'new-restriction' },
    {
      id: 'entity-list-tech-or-china',
      all: [
        'entity-list',
        ['chip', 'tool', 'chip-tool', 'ai-compute', 'china', 'china-company', 'chip-company'],
      ],
      weight: 2,
    },
    {
      id: 'sales-block-on-ai-chips',
      all: [
        'sales-block',
        ['chip', 'ai-compute', 'chip-company', 'tool', 'tool-company'],
      ],
      weight: 3,
      subtopic: 'licence-decision',
    },
    {
      id: 'licence-for-tech',
      all: [
        'licence',
        ['chip', 'ai-compute', 'tool', 'chip-tool', 'chip-company', 'tool-company'],
        [
          'china', 'china-company', 'china-gov', 'us-gov', 'us', 'ally', 'restricted-destination',
          'transit-hub',
        ],
      ],
      weight: 3.5,
      subtopic: 'licence-decision',
    },
    {
      id: 'licence-for-named-chip',
      all: [
        'licence',
        ['ai-chip'],
      ],
      weight: 1.5,
      subtopic: 'licence-decision',
    },
    {
      id: 'diversion-of-tech',
      all: [
        'enforcement',
        ['chip', 'ai-compute', 'ai-chip', 'chip-company', 'tool', 'tool-company'],
        ['china', 'china-company', 'transit-hub', 'restricted-destination'],
      ],
      weight: 4,
      subtopic: 'enforcement',
    },
    {
      id: 'enforcement-on-ai-chips',
      all: [
        'enforcement',
        ['ai-chip', 'ai-compute', 'chip-company'],
      ],
      weight: 1,
      subtopic: 'enforcement',
    },
    {
      id: 'allied-tool-controls',
      all: [
        ['ally', 'transit-hub'],
        ['export-control', 'restriction', 'licence'],
        ['tool', 'chip-tool', 'tool-company', 'ai-compute', 'ai-chip'],
      ],
      weight: 2.5,
      subtopic: 'allied-controls',
    },
    {
      id: 'china-countermeasure-on-chips',
      all: [
        'countermeasure',
        ['chip', 'ai-chip', 'chip-company', 'tool-company', 'export-control'],
        ['china', 'china-gov'],
      ],
      weight: 3.5,
      subtopic: 'countermeasure',
    },
    {
      id: 'china-discourages-chip-purchases',
      all: [
        'china-discourage',
        ['ai-chip', 'chip-company', 'chip'],
      ],
      weight: 5,
      subtopic: 'countermeasure',
    },
    {
      id: 'china-restricts-us-chipmaker',
      all: [
        'china-gov',
        ['restriction', 'sales-block'],
        ['chip-company', 'ai-chip'],
      ],
      weight: 2,
      subtopic: 'countermeasure',
    },
    {
      id: 'china-mineral-controls',
      all: [
        'mineral',
        ['export-control', 'restriction', 'licence'],
        ['china', 'china-gov', 'export'],
      ],
      weight: 4.5,
      subtopic: 'countermeasure',
    },
    {
      id: 'company-impact',
      all: [
        'impact',
        ['export-control', 'restriction', 'sales-block', 'licence', 'entity-list'],
        ['chip', 'ai-chip', 'ai-compute', 'chip-company', 'tool-company', 'ai-company'],
      ],
      weight: 1.5,
      subtopic: 'company-impact',
    },
    {
      id: 'substitution',
      all: [
        ['ai-chip', 'chip-company'],
        ['china-company', 'ai-company'],
        ['restriction', 'export-control', 'sales-block'],
      ],
      weight: 1.5,
      subtopic: 'company-impact',
    },
    {
      id: 'market-reaction',
      all: [
        'market',
        ['export-control', 'restriction', 'sales-block', 'entity-list', 'licence'],
        ['chip', 'ai-chip', 'chip-company', 'tool-company'],
      ],
      weight: 1.5,
      subtopic: 'market-reaction',
    },
    {
      id: 'policy-debate',
      all: [
        'policy',
        ['export-control', 'restriction', 'sales-block', 'licence'],
        ['chip', 'ai-chip', 'ai-compute', 'chip-company'],
      ],
      weight: 1.5,
      subtopic: 'policy-debate',
    },
    {
      id: 'policy-on-chip-sales-to-china',
      all: [
        'policy',
        ['ai-chip', 'ai-compute', 'advanced-compute'],
        ['china', 'china-company', 'export', 'sales'],
      ],
      weight: 1.5,
      subtopic: 'policy-debate',
    },
    {
      id: 'named-ai-chip-and-china',
      all: [
        'ai-chip',
        ['china', 'china-gov', 'china-company'],
      ],
      weight: 1,
    },
    {
      id: 'new-restriction-subtopic',
      all: [
        ['export-control', 'restriction'],
        ['novelty', 'new-rule'],
        ['chip', 'ai-compute', 'tool', 'chip-tool', 'chip-company', 'tool-company', 'ai-chip'],
      ],
      weight: 0.5,
      subtopic: 'new-restriction',
    },
  ],
  entities: {
    companies: {
      NVIDIA: { concepts: ['chip-company'], terms: ['nvidia', '英伟达', '英偉達', '輝達', '辉达', 'エヌビディア', '엔비디아'] },
      AMD: { concepts: ['chip-company'], terms: ['amd', 'advanced micro devices', '超威', '超威半导体'] },
      Intel: { concepts: ['chip-company'], terms: ['intel', '英特尔', 'インテル', '인텔'] },
      Qualcomm: { concepts: ['chip-company'], terms: ['qualcomm', '高通', 'クアルコム', '퀄컴'] },
      Huawei: {
        concepts: ['chip-company', 'china-company'],
        terms: ['huawei', 'hisilicon', '华为', '海思', 'ファーウェイ', '화웨이'],
      },
      SMIC: {
        concepts: ['chip-company', 'china-company'],
        terms: ['smic', 'semiconductor manufacturing international', '中芯国际', '中芯'],
      },
      TSMC: { concepts: ['chip-company'], terms: ['tsmc', '台积电', '台湾积体电路'] },
      Samsung: { concepts: ['chip-company'], terms: ['samsung', '三星', 'サムスン', '삼성전자', '삼성'] },
      'SK Hynix': {
        concepts: ['chip-company'],
        terms: ['sk hynix', 'hynix', 'sk海力士', '海力士', 'skハイニックス', 'sk하이닉스', '하이닉스'],
      },
      Micron: { concepts: ['chip-company'], terms: ['micron', '美光', 'マイクロン', '마이크론'] },
      CXMT: { concepts: ['chip-company', 'china-company'], terms: ['cxmt', 'changxin memory', '长鑫'] },
      YMTC: { concepts: ['chip-company', 'china-company'], terms: ['ymtc', 'yangtze memory', '长江存储'] },
      Supermicro: {
        concepts: ['chip-company'],
        terms: ['supermicro', 'super micro computer', '超微电脑', 'スーパーマイクロ', '슈퍼마이크로'],
      },
      Cambricon: { concepts: ['chip-company', 'china-company'], terms: ['cambricon', '寒武纪'] },
      Biren: { concepts: ['chip-company', 'china-company'], terms: ['biren', '壁仞'] },
      'Moore Threads': { concepts: ['chip-company', 'china-company'], terms: ['moore threads', '摩尔线程'] },
      Hygon: { concepts: ['chip-company', 'china-company'], terms: ['hygon', '海光信息'] },
      Sophgo: { concepts: ['chip-company', 'china-company'], terms: ['sophgo', '算能'] },
      Inspur: { concepts: ['china-company'], terms: ['inspur', '浪潮'] },
      GlobalFoundries: { concepts: ['chip-company'], terms: ['globalfoundries', '格芯'] },
      ASML: { concepts: ['tool-company'], terms: ['asml', '阿斯麦', '艾司摩尔', '阿斯麦尔'] },
      'Tokyo Electron': { concepts: ['tool-company'], terms: ['tokyo electron', '东京电子', '東京エレクトロン', '도쿄일렉트론'] },
      'Applied Materials': {
        concepts: ['tool-company'],
        terms: ['applied materials', '应用材料', 'アプライドマテリアルズ', 'アプライド マテリアルズ', '어플라이드 머티어리얼즈'],
      },
      'Lam Research': { concepts: ['tool-company'], terms: ['lam research', '泛林', 'ラムリサーチ', '램리서치'] },
      KLA: { concepts: ['tool-company'], terms: ['kla', 'kla tencor', '科磊'] },
      Advantest: { concepts: ['tool-company'], terms: ['advantest', 'アドバンテスト', '爱德万'] },
      Synopsys: { concepts: ['tool-company'], terms: ['synopsys', '新思科技'] },
      Cadence: { concepts: ['tool-company'], terms: ['cadence design', '=Cadence', '楷登'] },
      'Siemens EDA': { concepts: ['tool-company'], terms: ['siemens eda', 'mentor graphics'] },
      DeepSeek: { concepts: ['ai-company', 'china-company'], terms: ['deepseek', '深度求索', 'ディープシーク', '딥시크'] },
      Alibaba: { concepts: ['ai-company', 'china-company'], terms: ['alibaba', '阿里巴巴', '阿里云', 'アリババ', '알리바바'] },
      ByteDance: { concepts: ['ai-company', 'china-company'], terms: ['bytedance', '字节跳动', 'バイトダンス', '바이트댄스'] },
      Tencent: { concepts: ['ai-company', 'china-company'], terms: ['tencent', '腾讯', 'テンセント', '텐센트'] },
      Baidu: { concepts: ['ai-company', 'china-company'], terms: ['baidu', '百度', 'バイドゥ', '바이두'] },
      'Moonshot AI': { concepts: ['ai-company', 'china-company'], terms: ['moonshot ai', '月之暗面'] },
      Zhipu: { concepts: ['ai-company', 'china-company'], terms: ['zhipu', '智谱'] },
      iFlytek: { concepts: ['ai-company', 'china-company'], terms: ['iflytek', '科大讯飞'] },
    },
    products: {
      H20: { concepts: ['ai-chip'], terms: ['h20'] },
      H800: { concepts: ['ai-chip'], terms: ['h800', 'h800s'] },
      H100: { concepts: ['ai-chip'], terms: ['h100', 'h100s'] },
      H200: { concepts: ['ai-chip'], terms: ['h200', 'h200s'] },
      A100: { concepts: ['ai-chip'], terms: ['a100', 'a100s'] },
      A800: { concepts: ['ai-chip'], terms: ['a800', 'a800s'] },
      B30A: { concepts: ['ai-chip'], terms: ['b30a'] },
      B20: { concepts: ['ai-chip'], terms: ['b20'] },
      B200: { concepts: ['ai-chip'], terms: ['b200', 'b200s'] },
      B300: { concepts: ['ai-chip'], terms: ['b300'] },
      GB200: { concepts: ['ai-chip'], terms: ['gb200'] },
      GB300: { concepts: ['ai-chip'], terms: ['gb300'] },
      Blackwell: { concepts: ['ai-chip'], terms: ['blackwell', 'ブラックウェル', '블랙웰'] },
      Hopper: { concepts: ['ai-chip'], terms: ['hopper'] },
      'RTX Pro 6000D': { concepts: ['ai-chip'], terms: ['rtx pro 6000d', 'rtx 6000d', '6000d'] },
      'RTX 4090D': { concepts: ['ai-chip'], terms: ['rtx 4090d', '4090d'] },
      MI308: { concepts: ['ai-chip'], terms: ['mi308', 'mi308x', 'mi 308'] },
      MI300: { concepts: ['ai-chip'], terms: ['mi300', 'mi300x'] },
      'Ascend 910': {
        concepts: ['ai-chip'],
        terms: [
          'ascend 910', 'ascend 910b', 'ascend 910c', 'ascend 910d', '910b', '910c', '昇腾910', '昇腾910b',
          '昇腾910c',
        ],
      },
      Ascend: { concepts: ['ai-chip'], terms: ['ascend', '昇腾', '昇騰', '어센드'] },
      Gaudi: { concepts: ['ai-chip'], terms: ['gaudi'] },
      HBM: {
        concepts: ['chip'],
        terms: ['hbm', 'hbm2e', 'hbm3', 'hbm3e', 'high bandwidth memory', '高带宽内存', '高頻寬記憶體', '広帯域メモリー', '고대역폭메모리'],
      },
      EUV: { concepts: ['tool'], terms: ['=EUV', 'extreme ultraviolet', '极紫外'] },
      DUV: { concepts: ['tool'], terms: ['=DUV', 'deep ultraviolet', '深紫外', '심자외선'] },
    },
    agencies: {
      BIS: {
        concepts: ['us-gov'],
        terms: ['=BIS', 'bureau of industry and security', '工业与安全局', '产业安全局', '産業安全保障局', '산업안보국'],
      },
      'Commerce Department': {
        concepts: ['us-gov'],
        terms: [
          'commerce department', 'department of commerce', 'us commerce', 'u s commerce',
          'commerce secretary', 'departamento de comercio', 'departement du commerce',
          'us handelsministerium', '美国商务部', '美商务部', '米商務省', '米国商務省', '미국 상무부', '미 상무부', '美 상무부',
        ],
      },
      'Justice Department': {
        concepts: ['us-gov', 'enforcement'],
        terms: ['justice department', 'department of justice', '美国司法部', '米司法省', '미국 법무부', '미 법무부'],
      },
      MOFCOM: {
        concepts: ['china-gov'],
        terms: [
          '=MOFCOM', 'ministry of commerce of china', 'china s commerce ministry',
          'chinese commerce ministry', 'china s ministry of commerce', 'ministerio do comercio chines',
          'ministerio de comercio de china', 'ministere chinois du commerce',
          'chinesische handelsministerium', 'chinesischen handelsministerium', '商务部', '中国商务部', '中国商務省',
          '중국 상무부',
        ],
      },
      CAC: {
        concepts: ['china-gov'],
        terms: ['cyberspace administration of china', '网信办', '国家互联网信息办公室', '国家网信办'],
      },
      SAMR: {
        concepts: ['china-gov'],
        terms: ['=SAMR', 'state administration for market regulation', '市场监管总局', '国家市场监督管理总局'],
      },
      METI: {
        concepts: ['ally'],
        terms: ['=METI', 'ministry of economy trade and industry', '経済産業省', '経産省', '经济产业省', '경제산업성'],
      },
    },
    jurisdictions: {
      China: { concepts: ['china'], terms: ['china', 'chine', '中国', '중국'] },
      'United States': {
        concepts: ['us'],
        terms: [
          '=US', '=U S', '=USA', 'united states', 'america', 'american', 'americans', '=EUA',
          'estados unidos', '=EE UU', '=EEUU', 'etats unis', 'vereinigte staaten', 'amerikanisch*',
          'americain*', 'americano*', 'estadounidense*', 'norte americano*', '美国', '米国', '米', '미국',
        ],
      },
      Netherlands: {
        concepts: ['ally'],
        terms: [
          'netherlands', 'dutch', 'the hague', 'holanda', 'paises baixos', 'paises bajos', 'neerlandes*',
          'pays bas', 'neerlandais*', 'niederlande*', 'niederlandisch*', '荷兰', 'オランダ', '네덜란드',
        ],
      },
      Japan: {
        concepts: ['ally'],
        terms: ['japan', 'japanese', 'tokyo', 'japao', 'japones*', 'japon', 'japonais*', 'japanisch*', '日本', '일본'],
      },
      Taiwan: { concepts: ['ally'], terms: ['taiwan', 'taiwanese', 'taipei', 'taiwanes*', 'taiwanais*', '台湾', '대만'] },
      'South Korea': {
        concepts: ['ally'],
        terms: [
          'south korea', 'south korean*', 'seoul', 'coreia do sul', 'corea del sur', 'coree du sud',
          'sudkorea*', '韩国', '韓国', '한국',
        ],
      },
      Germany: {
        concepts: ['ally'],
        terms: ['germany', 'alemanha', 'alemania', 'allemagne', 'deutschland', '德国', 'ドイツ', '독일'],
      },
      'United Kingdom': {
        concepts: ['ally'],
        terms: [
          'united kingdom', 'britain', '=UK', 'reino unido', 'royaume uni', 'grossbritannien', '英国', 'イギリス',
          '영국',
        ],
      },
      'European Union': {
        concepts: ['ally'],
        terms: [
          'european union', '=EU', 'uniao europeia', 'union europea', 'union europeenne', '=UE',
          'europaische union', '欧盟', '欧州連合', '유럽연합',
        ],
      },
      Singapore: {
        concepts: ['transit-hub'],
        terms: ['singapore', 'singapura', 'singapur', 'singapour', '新加坡', 'シンガポール', '싱가포르'],
      },
      Malaysia: {
        concepts: ['transit-hub'],
        terms: ['malaysia*', 'malasia', 'malaisie', 'malaysien', '马来西亚', 'マレーシア', '말레이시아'],
      },
      'Hong Kong': { concepts: ['transit-hub'], terms: ['hong kong', 'hongkong', '香港', '홍콩'] },
      Thailand: { concepts: ['transit-hub'], terms: ['thailand', 'tailandia', 'thailande', '泰国', 'タイ国', '태국'] },
      'United Arab Emirates': {
        concepts: ['transit-hub'],
        terms: [
          'united arab emirates', '=UAE', 'emirados arabes', 'emiratos arabes', 'emirats arabes', 'abu dhabi',
          '阿联酋', 'アラブ首長国連邦', '아랍에미리트',
        ],
      },
      Vietnam: { concepts: ['transit-hub'], terms: ['vietnam', 'vietna', '越南', 'ベトナム', '베트남'] },
      Russia: {
        concepts: ['restricted-destination'],
        terms: ['russia', 'russian', 'russland', 'russie', 'russia', 'rusia', '俄罗斯', 'ロシア', '러시아'],
      },
      Iran: { concepts: ['restricted-destination'], terms: ['iran', 'iranian', '伊朗', 'イラン', '이란'] },
    },
  },
};
