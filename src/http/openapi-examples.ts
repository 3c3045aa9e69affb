/**
 * Example requests and answers of the person, decision, consent, taxonomy and audit operations,
 * by operationId (brands and offers keep theirs next to their schemas). Recorded from a real
 * server (long lists cut to three entries); test/http/openapi.http.test.ts checks each one
 * against its operation's schema, so an example that no longer matches fails the suite.
 */
export const OPERATION_EXAMPLES: Readonly<
  Record<string, { readonly request?: unknown; readonly responses?: Readonly<Record<string, unknown>> }>
> = {
  writeDataItems: {
    request: {
      items: [
        {
          key: 'email',
          value: 'ann@example.com',
          category: 'user.contact.email',
          source: 'stated',
          verified: true,
        },
        {
          key: 'favourite_activity',
          value: 'trail running',
          category: 'user.preference.stated',
          source: 'stated',
        },
      ],
    },
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        itemIds: ['itm_2169af973b204faeb4304bf2dac5d6b2', 'itm_facd7077d2014671a0c9549861d8a75d'],
        created: true,
        linked: false,
      },
    },
  },
  recordConsent: {
    request: { purpose: 'personalization', state: 'granted' },
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        recorded: {
          id: 'cns_0089f5be15e7491288de53842b47e2c3',
          purpose: 'personalization',
          state: 'granted',
          scope: 'brand',
          brand: 'outdoor',
          capturedBy: 'outdoor',
          sensitiveCategory: null,
          sensitiveTopic: null,
          source: 'api',
          basis: 'consent',
          evidence: null,
          policyVersion: '1',
          recordedAt: '2026-12-02T18:13:51.161Z',
        },
      },
    },
  },
  getPolicyView: {
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        purpose: 'personalization',
        brand: 'outdoor',
        items: [
          {
            id: 'itm_2169af973b204faeb4304bf2dac5d6b2',
            key: 'email',
            value: 'ann@example.com',
            category: 'user.contact.email',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T18:13:51.131Z',
            updatedAt: '2026-12-02T18:13:51.131Z',
            expiresAt: null,
            confidence: null,
            verified: true,
            basis: [
              {
                consentId: 'cns_0089f5be15e7491288de53842b47e2c3',
                purpose: 'personalization',
                source: 'api',
              },
            ],
          },
          {
            id: 'itm_facd7077d2014671a0c9549861d8a75d',
            key: 'favourite_activity',
            value: 'trail running',
            category: 'user.preference.stated',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T18:13:51.131Z',
            updatedAt: '2026-12-02T18:13:51.131Z',
            expiresAt: null,
            confidence: null,
            verified: false,
            basis: [
              {
                consentId: 'cns_0089f5be15e7491288de53842b47e2c3',
                purpose: 'personalization',
                source: 'api',
              },
            ],
          },
        ],
        excluded: [],
      },
    },
  },
  getConsent: {
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        brand: 'outdoor',
        current: [
          {
            purpose: 'essential',
            granted: true,
            state: 'default',
            consentId: null,
            source: null,
            recordedAt: null,
          },
          {
            purpose: 'analytics',
            granted: false,
            state: 'default',
            consentId: null,
            source: null,
            recordedAt: null,
          },
          {
            purpose: 'personalization',
            granted: true,
            state: 'granted',
            consentId: 'cns_0089f5be15e7491288de53842b47e2c3',
            source: 'api',
            recordedAt: '2026-12-02T18:13:51.161Z',
          },
        ],
        sensitive: [],
        history: [
          {
            id: 'cns_0089f5be15e7491288de53842b47e2c3',
            purpose: 'personalization',
            state: 'granted',
            scope: 'brand',
            brand: 'outdoor',
            capturedBy: 'outdoor',
            sensitiveCategory: null,
            sensitiveTopic: null,
            source: 'api',
            basis: 'consent',
            evidence: null,
            policyVersion: '1',
            recordedAt: '2026-12-02T18:13:51.161Z',
          },
        ],
        nextCursor: null,
      },
    },
  },
  recordConsentSignal: {
    request: { gppString: 'DBABLA~BVQqAAAAAgA.QA' },
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        kind: 'gpp',
        cmpId: null,
        policyVersion: null,
        vendorConsent: null,
        recorded: [],
        skipped: [],
      },
    },
  },
  setInterest: {
    request: { topic: 'outdoors.hiking', state: 'stated' },
    responses: {
      '200': {
        topic: 'outdoors.hiking',
        label: 'Hiking',
        brand: 'outdoor',
        score: 0,
        confidence: 1,
        established: true,
        source: 'stated',
        state: 'stated',
        evidence: {
          signals: {},
          distinctDays: 0,
          firstSeen: null,
          lastSeen: null,
          sampleEventIds: [],
          why: 'We do not count anything toward Hiking.',
          journeys: [],
          setAside: [],
          purchaseJourney: false,
          heldBackUntil: null,
        },
      },
    },
  },
  getInterests: {
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        purpose: 'personalization',
        interests: [
          {
            topic: 'outdoors.hiking',
            label: 'Hiking',
            brand: 'outdoor',
            score: 0,
            confidence: 1,
            established: true,
            source: 'stated',
            state: 'stated',
            evidence: {
              signals: {},
              distinctDays: 0,
              firstSeen: null,
              lastSeen: null,
              sampleEventIds: [],
              why: 'We do not count anything toward Hiking.',
              journeys: [],
              setAside: [],
              purchaseJourney: false,
              heldBackUntil: null,
            },
          },
          {
            topic: 'outdoors.hiking.footwear',
            label: 'Hiking Boots & Shoes',
            brand: 'outdoor',
            score: 2,
            confidence: 0.333,
            established: false,
            source: 'inferred',
            state: 'inferred',
            evidence: {
              signals: { view: 1 },
              distinctDays: 1,
              firstSeen: '2026-12-02T18:13:51.551Z',
              lastSeen: '2026-12-02T18:13:51.551Z',
              sampleEventIds: ['msg-1'],
              why: 'We think you like Hiking Boots & Shoes because of 1 shopping journey: 1 view, on 2 Dec 2026.',
              journeys: [
                {
                  from: '2026-12-02T18:13:51.551Z',
                  to: '2026-12-02T18:13:51.551Z',
                  signals: { view: 1 },
                  purchasedAt: null,
                  reducedWeightSignals: 0,
                  text: '1 view, on 2 Dec 2026',
                },
              ],
              setAside: [],
              purchaseJourney: false,
              heldBackUntil: null,
            },
          },
        ],
        excluded: [],
        reason: null,
        why: null,
      },
    },
  },
  listEvents: {
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        purpose: 'personalization',
        events: [
          {
            messageId: 'msg-1',
            type: 'track',
            kind: 'view',
            event: 'Product Viewed',
            name: null,
            timestamp: '2026-12-02T18:13:51.551Z',
            receivedAt: '2026-12-02T18:13:51.551Z',
            gift: false,
            giftMarkedByPerson: false,
            topics: ['outdoors.hiking.footwear'],
            properties: { category: 'Outdoors > Hiking > Boots' },
            context: {},
            traits: {},
            excluded: [],
          },
        ],
        nextCursor: null,
      },
    },
  },
  decide: {
    request: { userId: 'ann-1', placement: 'home_hero', limit: 3 },
    responses: {
      '200': {
        decisionId: 'dec_0mx6g2v23000037464a81f7ea',
        personalized: true,
        purpose: 'personalization',
        placement: 'home_hero',
        items: [
          {
            offerId: 'outdoor-boots-deal',
            title: 'Trail boots: 15% off',
            score: 0.7,
            explanation: {
              text: "Shown because you told us you're interested in Hiking.",
              factors: [
                {
                  kind: 'stated',
                  topic: 'outdoors.hiking',
                  label: 'Hiking',
                  offerTopic: 'outdoors.hiking.footwear',
                  source: 'stated',
                  evidence: { signals: {}, distinctDays: 0, firstSeen: null, lastSeen: null },
                  brand: 'outdoor',
                  dataItemIds: ['interest:outdoor:outdoors.hiking'],
                  categories: ['user.preference.stated'],
                  purpose: 'personalization',
                  consentIds: ['cns_0089f5be15e7491288de53842b47e2c3'],
                  sourceEvents: [],
                  contribution: 0.7,
                  change: {
                    action: 'remove-stated-interest',
                    topic: 'outdoors.hiking',
                    text: 'Remove "Hiking" from the interests you told us about in the control center.',
                  },
                },
              ],
              howToChange: [
                {
                  action: 'remove-stated-interest',
                  topic: 'outdoors.hiking',
                  text: 'Remove "Hiking" from the interests you told us about in the control center.',
                },
                {
                  action: 'withdraw-consent',
                  purpose: 'personalization',
                  text: 'Withdraw personalization at outdoor in the control center to stop all personalized offers.',
                },
              ],
            },
          },
        ],
        createdAt: '2026-12-02T18:13:51.675Z',
      },
    },
  },
  listDecisions: {
    responses: {
      '200': {
        decisions: [
          {
            decisionId: 'dec_0mx6g2v23000037464a81f7ea',
            personalized: true,
            purpose: 'personalization',
            placement: 'home_hero',
            items: [
              {
                offerId: 'outdoor-boots-deal',
                title: 'Trail boots: 15% off',
                score: 0.7,
                explanation: {
                  text: "Shown because you told us you're interested in Hiking.",
                  factors: [
                    {
                      kind: 'stated',
                      topic: 'outdoors.hiking',
                      label: 'Hiking',
                      offerTopic: 'outdoors.hiking.footwear',
                      source: 'stated',
                      evidence: { signals: {}, distinctDays: 0, firstSeen: null, lastSeen: null },
                      brand: 'outdoor',
                      dataItemIds: ['interest:outdoor:outdoors.hiking'],
                      categories: ['user.preference.stated'],
                      purpose: 'personalization',
                      consentIds: ['cns_0089f5be15e7491288de53842b47e2c3'],
                      sourceEvents: [],
                      contribution: 0.7,
                      change: {
                        action: 'remove-stated-interest',
                        topic: 'outdoors.hiking',
                        text: 'Remove "Hiking" from the interests you told us about in the control center.',
                      },
                    },
                  ],
                  howToChange: [
                    {
                      action: 'remove-stated-interest',
                      topic: 'outdoors.hiking',
                      text: 'Remove "Hiking" from the interests you told us about in the control center.',
                    },
                    {
                      action: 'withdraw-consent',
                      purpose: 'personalization',
                      text: 'Withdraw personalization at outdoor in the control center to stop all personalized offers.',
                    },
                  ],
                },
              },
            ],
            createdAt: '2026-12-02T18:13:51.675Z',
          },
        ],
        nextCursor: null,
      },
    },
  },
  exportPerson: {
    responses: {
      '200': {
        personId: 'psn_76201cd33a7ecae2e0f25ddb08383672',
        brand: 'outdoor',
        exportedAt: '2026-12-02T18:13:51.723Z',
        identities: [{ kind: 'user', value: 'ann-1', ref: 'ann-1', createdAt: '2026-12-02T18:13:51.118Z' }],
        dataItems: [
          {
            id: 'itm_2169af973b204faeb4304bf2dac5d6b2',
            key: 'email',
            value: 'ann@example.com',
            category: 'user.contact.email',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T18:13:51.131Z',
            updatedAt: '2026-12-02T18:13:51.131Z',
            expiresAt: null,
            confidence: null,
            verified: true,
            rejectedAt: null,
            purpose: null,
            provenance: null,
          },
          {
            id: 'itm_facd7077d2014671a0c9549861d8a75d',
            key: 'favourite_activity',
            value: 'trail running',
            category: 'user.preference.stated',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T18:13:51.131Z',
            updatedAt: '2026-12-02T18:13:51.131Z',
            expiresAt: null,
            confidence: null,
            verified: false,
            rejectedAt: null,
            purpose: null,
            provenance: null,
          },
        ],
        consent: [
          {
            id: 'cns_0089f5be15e7491288de53842b47e2c3',
            purpose: 'personalization',
            state: 'granted',
            scope: 'brand',
            brand: 'outdoor',
            capturedBy: 'outdoor',
            sensitiveCategory: null,
            sensitiveTopic: null,
            source: 'api',
            basis: 'consent',
            evidence: null,
            policyVersion: '1',
            recordedAt: '2026-12-02T18:13:51.161Z',
          },
        ],
        interests: [
          {
            topic: 'outdoors.hiking',
            label: 'Hiking',
            brand: 'outdoor',
            score: 0,
            confidence: 1,
            established: true,
            source: 'stated',
            state: 'stated',
            evidence: {
              signals: {},
              distinctDays: 0,
              firstSeen: null,
              lastSeen: null,
              sampleEventIds: [],
              why: 'We do not count anything toward Hiking.',
              journeys: [],
              setAside: [],
              purchaseJourney: false,
              heldBackUntil: null,
            },
          },
        ],
        events: [
          {
            messageId: 'msg-1',
            type: 'track',
            kind: 'view',
            event: 'Product Viewed',
            name: null,
            timestamp: '2026-12-02T18:13:51.551Z',
            receivedAt: '2026-12-02T18:13:51.551Z',
            gift: true,
            giftMarkedByPerson: true,
            topics: ['outdoors.hiking.footwear'],
            properties: { category: 'Outdoors > Hiking > Boots' },
            context: {},
            traits: {},
            excluded: [],
          },
        ],
        decisions: [
          {
            decisionId: 'dec_0mx6g2v23000037464a81f7ea',
            personalized: true,
            purpose: 'personalization',
            placement: 'home_hero',
            items: [
              {
                offerId: 'outdoor-boots-deal',
                title: 'Trail boots: 15% off',
                score: 0.7,
                explanation: {
                  text: "Shown because you told us you're interested in Hiking.",
                  factors: [
                    {
                      kind: 'stated',
                      topic: 'outdoors.hiking',
                      label: 'Hiking',
                      offerTopic: 'outdoors.hiking.footwear',
                      source: 'stated',
                      evidence: { signals: {}, distinctDays: 0, firstSeen: null, lastSeen: null },
                      brand: 'outdoor',
                      dataItemIds: ['interest:outdoor:outdoors.hiking'],
                      categories: ['user.preference.stated'],
                      purpose: 'personalization',
                      consentIds: ['cns_0089f5be15e7491288de53842b47e2c3'],
                      sourceEvents: [],
                      contribution: 0.7,
                      change: {
                        action: 'remove-stated-interest',
                        topic: 'outdoors.hiking',
                        text: 'Remove "Hiking" from the interests you told us about in the control center.',
                      },
                    },
                  ],
                  howToChange: [
                    {
                      action: 'remove-stated-interest',
                      topic: 'outdoors.hiking',
                      text: 'Remove "Hiking" from the interests you told us about in the control center.',
                    },
                    {
                      action: 'withdraw-consent',
                      purpose: 'personalization',
                      text: 'Withdraw personalization at outdoor in the control center to stop all personalized offers.',
                    },
                  ],
                },
              },
            ],
            createdAt: '2026-12-02T18:13:51.675Z',
          },
        ],
      },
    },
  },
  listTopics: {
    responses: {
      '200': {
        topics: [
          { id: 'apparel', label: 'Apparel & Fashion', parent: null, sensitive: false },
          { id: 'apparel.tops', label: 'Tops & Shirts', parent: 'apparel', sensitive: false },
          { id: 'apparel.tops.t_shirts', label: 'T-Shirts', parent: 'apparel.tops', sensitive: false },
        ],
        nextCursor: 'eyJvIjozfQ',
      },
    },
  },
  resolveCategory: {
    responses: {
      '200': { topic: 'outdoors.hiking.footwear', label: 'Hiking Boots & Shoes', sensitive: false },
    },
  },
  listIngestRejections: {
    responses: {
      '200': {
        rejections: [
          {
            brand: 'outdoor',
            receivedAt: '2026-12-02T18:13:51.605Z',
            endpoint: 'track',
            reason: 'missing-event',
            field: 'event',
            batchIndex: null,
          },
        ],
        nextCursor: null,
      },
    },
  },
  listPurposes: {
    responses: {
      '200': {
        purposes: [
          {
            purpose: 'essential',
            default: 'opt-out',
            description: 'Running the service the person asked for; never marketing.',
          },
          { purpose: 'analytics', default: 'opt-in', description: 'Measuring use in aggregate.' },
          {
            purpose: 'personalization',
            default: 'opt-in',
            description: 'Tailoring offers and content, including profiling.',
          },
        ],
      },
    },
  },
  listCategories: {
    responses: {
      '200': {
        categories: [
          { name: 'user', description: 'Data about a person.', sensitive: false, essential: false },
          { name: 'user.contact', description: 'Contact details.', sensitive: false, essential: true },
          { name: 'user.contact.email', description: 'Email address.', sensitive: false, essential: true },
        ],
      },
    },
  },
  listAuditEntries: {
    responses: {
      '200': {
        entries: [
          {
            chainId: 'chaink_121373f0b072417fadf6447c2b8715c5',
            seq: 10,
            at: '2026-12-02T18:13:51.658Z',
            actor: 'key:heaucfsvlj',
            action: 'events.mark-gift',
            brand: 'outdoor',
            purpose: null,
            subject: 'sub_15c376e4e8eb755a96a6b612b21beac8',
            itemIds: [],
            details: { markedBy: 'person' },
            hash: '1b6ed96d3b2da0fcebe853b3282d35dcbfec1e81fc61c821812c5d7196f9957c',
          },
          {
            chainId: 'chaink_121373f0b072417fadf6447c2b8715c5',
            seq: 9,
            at: '2026-12-02T18:13:51.627Z',
            actor: 'key:heaucfsvlj',
            action: 'events.read',
            brand: 'outdoor',
            purpose: 'personalization',
            subject: 'sub_15c376e4e8eb755a96a6b612b21beac8',
            itemIds: [],
            details: { events: 1, withheld: {} },
            hash: 'dd20aaa76f45cd5c198139dcac9e4b220f6bca0f90fdbe1ac91a4397f6add82b',
          },
        ],
        nextCursor:
          'eyJhdCI6MTc5NjIzNTIzMTYyNywiY2hhaW5JZCI6ImNoYWlua18xMjEzNzNmMGIwNzI0MTdmYWRmNjQ0N2MyYjg3MTVjNSIsInNlcSI6OX0',
      },
    },
  },
  verifyAudit: {
    responses: {
      '200': {
        ok: true,
        entries: 15,
        chains: 1,
        head: 'e15cc612332eb269a67b33d777e2649d25cbc7d85822d19c5a2f9d364ecda723',
      },
    },
  },
  erasePerson: {
    responses: {
      '200': {
        erasureId: 'ers_5583d5f8cf9843ca86050aa452f18e55',
        subject: 'sub_15c376e4e8eb755a96a6b612b21beac8',
        scope: 'brand',
        brands: ['outdoor'],
        requestedAt: '2026-12-02T18:13:51.833Z',
        keysDestroyedAt: '2026-12-02T18:13:51.858Z',
        completedAt: '2026-12-02T18:13:51.887Z',
        keysDestroyed: 1,
        removed: [
          { table: 'events', count: 1 },
          { table: 'decisions', count: 2 },
          { table: 'idempotency', count: 0 },
        ],
        suppressed: false,
      },
    },
  },
  markEventAsGift: { request: { markedBy: 'person' } },
  getModelCardSummary: {
    responses: {
      '200': {
        version: 'sha256:5405228d09bd65b6',
        brand: { id: 'outdoor', name: 'outdoor' },
        uses: [
          'Only if you allow personalization at outdoor: what you look at, search for, put in your basket and buy there.',
          'Something becomes an interest only when you come back to it on 2 different days; a single visit is not enough.',
          'Older activity counts less and less: after 30 days it counts half as much.',
          'Interests you tell us about, and topics you said you are not interested in.',
          'How many people like a topic, as a count, to order offers when we know nothing about you.',
        ],
        neverUses: [
          'Sensitive topics such as health, religion or sexuality, unless you agreed to that topic yourself.',
          'Your age, gender or other demographics.',
          'What you do at our other brands, unless you agreed to share it between them.',
          'Gifts you buy for others, nor what you looked at for them in the 14 days before.',
          'Anything to decide prices, credit, insurance, jobs or housing.',
        ],
        howToChange: [
          'Say "not interested" to any topic: it is never used again.',
          'Mark a purchase as a gift: it no longer counts as your interest.',
          'Withdraw personalization at outdoor: what we inferred about you is deleted at once, and you see the same offers as everyone.',
          'See why you were shown something: each decision is explained and kept for 90 days.',
          'Ask us to erase your data.',
        ],
      },
    },
  },
}
