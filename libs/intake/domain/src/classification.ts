/** How a demand reached us (P-1.1): the service hotline, the web, or e-mail. */
export const DEMAND_CHANNELS = ['phone', 'web', 'email'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

/** The web channel is either the customer portal or an agent on the online chat. */
export const WEB_SUB_CHANNELS = ['portal', 'chat'] as const;
export type WebSubChannel = (typeof WEB_SUB_CHANNELS)[number];

/** What a demand is (P-1.1); after-sales problems arrive through intake too (P-6.2). */
export const DEMAND_KINDS = ['enquiry', 'feedback', 'complaint', 'after-sales'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

/** The initial assessment (P-1.3): a complex demand of several departments is coordinated first (P-2.2). */
export const COMPLEXITIES = ['routine', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** How one message of the conversation travels between the customer and us. */
export const CONVERSATION_CHANNELS = ['phone', 'email', 'portal', 'chat'] as const;
export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];
