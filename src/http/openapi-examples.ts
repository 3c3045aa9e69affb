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
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
        itemIds: ['itm_7053da5514414967a353a2d2122acf32', 'itm_7e261662f6f24d54b92735672ca83d0b'],
        created: true,
        linked: false,
      },
    },
  },
  recordConsent: {
    request: { purpose: 'personalization', state: 'granted' },
    responses: {
      '200': {
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
        recorded: {
          id: 'cns_ed219ae04411443987addada2658f6e1',
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
          recordedAt: '2026-12-02T17:59:16.042Z',
        },
      },
    },
  },
  getPolicyView: {
    responses: {
      '200': {
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
        purpose: 'personalization',
        brand: 'outdoor',
        items: [
          {
            id: 'itm_7053da5514414967a353a2d2122acf32',
            key: 'email',
            value: 'ann@example.com',
            category: 'user.contact.email',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T17:59:15.998Z',
            updatedAt: '2026-12-02T17:59:15.998Z',
            expiresAt: null,
            confidence: null,
            verified: true,
            basis: [
              {
                consentId: 'cns_ed219ae04411443987addada2658f6e1',
                purpose: 'personalization',
                source: 'api',
              },
            ],
          },
          {
            id: 'itm_7e261662f6f24d54b92735672ca83d0b',
            key: 'favourite_activity',
            value: 'trail running',
            category: 'user.preference.stated',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T17:59:15.998Z',
            updatedAt: '2026-12-02T17:59:15.998Z',
            expiresAt: null,
            confidence: null,
            verified: false,
            basis: [
              {
                consentId: 'cns_ed219ae04411443987addada2658f6e1',
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
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
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
            consentId: 'cns_ed219ae04411443987addada2658f6e1',
            source: 'api',
            recordedAt: '2026-12-02T17:59:16.042Z',
          },
        ],
        sensitive: [],
        history: [
          {
            id: 'cns_ed219ae04411443987addada2658f6e1',
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
            recordedAt: '2026-12-02T17:59:16.042Z',
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
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
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
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
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
              firstSeen: '2026-12-02T17:59:16.614Z',
              lastSeen: '2026-12-02T17:59:16.614Z',
              sampleEventIds: ['msg-1'],
              why: 'We think you like Hiking Boots & Shoes because of 1 shopping journey: 1 view, on 2 Dec 2026.',
              journeys: [
                {
                  from: '2026-12-02T17:59:16.614Z',
                  to: '2026-12-02T17:59:16.614Z',
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
      },
    },
  },
  listEvents: {
    responses: {
      '200': {
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
        purpose: 'personalization',
        events: [
          {
            messageId: 'msg-1',
            type: 'track',
            kind: 'view',
            event: 'Product Viewed',
            name: null,
            timestamp: '2026-12-02T17:59:16.614Z',
            receivedAt: '2026-12-02T17:59:16.614Z',
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
        decisionId: 'dec_0mx6fk3zj0000bb554fbfca89',
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
                  consentIds: ['cns_ed219ae04411443987addada2658f6e1'],
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
        createdAt: '2026-12-02T17:59:16.783Z',
      },
    },
  },
  listDecisions: {
    responses: {
      '200': {
        decisions: [
          {
            decisionId: 'dec_0mx6fk3zj0000bb554fbfca89',
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
                      consentIds: ['cns_ed219ae04411443987addada2658f6e1'],
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
            createdAt: '2026-12-02T17:59:16.783Z',
          },
        ],
        nextCursor: null,
      },
    },
  },
  exportPerson: {
    responses: {
      '200': {
        personId: 'psn_4aad40ff1f01a573212e02d0b691a443',
        brand: 'outdoor',
        exportedAt: '2026-12-02T17:59:16.827Z',
        identities: [{ kind: 'user', value: 'ann-1', createdAt: '2026-12-02T17:59:15.971Z' }],
        dataItems: [
          {
            id: 'itm_7053da5514414967a353a2d2122acf32',
            key: 'email',
            value: 'ann@example.com',
            category: 'user.contact.email',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T17:59:15.998Z',
            updatedAt: '2026-12-02T17:59:15.998Z',
            expiresAt: null,
            confidence: null,
            verified: true,
            rejectedAt: null,
            purpose: null,
            provenance: null,
          },
          {
            id: 'itm_7e261662f6f24d54b92735672ca83d0b',
            key: 'favourite_activity',
            value: 'trail running',
            category: 'user.preference.stated',
            source: 'stated',
            brand: 'outdoor',
            collectedAt: '2026-12-02T17:59:15.998Z',
            updatedAt: '2026-12-02T17:59:15.998Z',
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
            id: 'cns_ed219ae04411443987addada2658f6e1',
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
            recordedAt: '2026-12-02T17:59:16.042Z',
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
            timestamp: '2026-12-02T17:59:16.614Z',
            receivedAt: '2026-12-02T17:59:16.614Z',
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
            decisionId: 'dec_0mx6fk3zj0000bb554fbfca89',
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
                      consentIds: ['cns_ed219ae04411443987addada2658f6e1'],
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
            createdAt: '2026-12-02T17:59:16.783Z',
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
            receivedAt: '2026-12-02T17:59:16.665Z',
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
            chainId: 'chaink_c9e1fe79d26a4797a90e58b49a394fd2',
            seq: 10,
            at: '2026-12-02T17:59:16.772Z',
            actor: 'key:yql8gfj781',
            action: 'events.mark-gift',
            brand: 'outdoor',
            purpose: null,
            subject: 'sub_41fd047d46e4e6e37bd69830a413ab68',
            itemIds: [],
            details: { markedBy: 'person' },
            hash: '3957960eb522766f6b266a0c45f12ed50df986f484c5e4a95f145c9c5f27d82c',
          },
          {
            chainId: 'chaink_c9e1fe79d26a4797a90e58b49a394fd2',
            seq: 9,
            at: '2026-12-02T17:59:16.723Z',
            actor: 'key:yql8gfj781',
            action: 'events.read',
            brand: 'outdoor',
            purpose: 'personalization',
            subject: 'sub_41fd047d46e4e6e37bd69830a413ab68',
            itemIds: [],
            details: { events: 1, withheld: {} },
            hash: '1e3966294ec57b7a7befc96e4372c67409b59a6db4dfb4e795b98b6728429763',
          },
        ],
        nextCursor:
          'eyJhdCI6MTc5NjIzNDM1NjcyMywiY2hhaW5JZCI6ImNoYWlua19jOWUxZmU3OWQyNmE0Nzk3YTkwZTU4YjQ5YTM5NGZkMiIsInNlcSI6OX0',
      },
    },
  },
  verifyAudit: {
    responses: {
      '200': {
        ok: true,
        entries: 15,
        chains: 1,
        head: '2df8c37f1eb13b2c1c7c4f7ada375cc9f7db9734363ba74f2574765370c26912',
      },
    },
  },
  erasePerson: {
    responses: {
      '200': {
        erasureId: 'ers_ae041837df824c2293e8679db291e8f9',
        subject: 'sub_41fd047d46e4e6e37bd69830a413ab68',
        scope: 'brand',
        brands: ['outdoor'],
        requestedAt: '2026-12-02T17:59:16.946Z',
        keysDestroyedAt: '2026-12-02T17:59:16.971Z',
        completedAt: '2026-12-02T17:59:16.993Z',
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
}
