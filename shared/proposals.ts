import type { Role } from "./domain";

/**
 * The path of an optimisation proposal (memo "Afsprakennota optimalisatie-oefening").
 * The server enforces this table; the client reads it to show only the allowed buttons.
 */
export const PROPOSAL_STAGES = [
  "draft",
  "submitted",
  "adjustments_requested",
  "forwarded",
  "validated",
  "advised",
  "approved",
  "approved_with_amendments",
  "rejected",
  "deferred",
  "in_implementation",
  "realised",
] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];

export function isProposalStage(value: unknown): value is ProposalStage {
  return typeof value === "string" && (PROPOSAL_STAGES as readonly string[]).includes(value);
}

/** Columns of the board, in path order (decisions share one column). */
export const PROPOSAL_BOARD_COLUMNS: readonly (readonly ProposalStage[])[] = [
  ["draft", "adjustments_requested"],
  ["submitted"],
  ["forwarded"],
  ["validated"],
  ["advised"],
  ["approved", "approved_with_amendments", "deferred", "rejected"],
  ["in_implementation"],
  ["realised"],
];

export const PROPOSAL_ACTIONS = [
  "submit",
  "resubmit",
  "requestAdjustments",
  "forward",
  "sendBack",
  "validate",
  "advise",
  "approve",
  "approveWithAmendments",
  "reject",
  "defer",
  "startImplementation",
  "realise",
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export interface ProposalTransition {
  action: ProposalAction;
  from: readonly ProposalStage[];
  to: ProposalStage;
  roles: readonly Role[];
  /** A reason is required (sending back, rejecting, deferring, amending). */
  needsReason: boolean;
}

export const PROPOSAL_TRANSITIONS: readonly ProposalTransition[] = [
  {
    action: "submit",
    from: ["draft"],
    to: "submitted",
    roles: ["department_head"],
    needsReason: false,
  },
  {
    action: "resubmit",
    from: ["adjustments_requested"],
    to: "submitted",
    roles: ["department_head"],
    needsReason: false,
  },
  {
    action: "requestAdjustments",
    from: ["submitted"],
    to: "adjustments_requested",
    roles: ["manager"],
    needsReason: true,
  },
  {
    action: "forward",
    from: ["submitted"],
    to: "forwarded",
    roles: ["manager"],
    needsReason: false,
  },
  // The management team sends a proposal back to the manager's desk, who coaches the author.
  {
    action: "sendBack",
    from: ["forwarded"],
    to: "submitted",
    roles: ["management_team"],
    needsReason: true,
  },
  {
    action: "validate",
    from: ["forwarded"],
    to: "validated",
    roles: ["management_team"],
    needsReason: false,
  },
  // The advice text and policy priority are given with the action (not a reason).
  { action: "advise", from: ["validated"], to: "advised", roles: ["alderman"], needsReason: false },
  {
    action: "approve",
    from: ["advised", "deferred"],
    to: "approved",
    roles: ["college"],
    needsReason: false,
  },
  {
    action: "approveWithAmendments",
    from: ["advised", "deferred"],
    to: "approved_with_amendments",
    roles: ["college"],
    needsReason: true,
  },
  {
    action: "reject",
    from: ["advised", "deferred"],
    to: "rejected",
    roles: ["college"],
    needsReason: true,
  },
  { action: "defer", from: ["advised"], to: "deferred", roles: ["college"], needsReason: true },
  {
    action: "startImplementation",
    from: ["approved", "approved_with_amendments"],
    to: "in_implementation",
    roles: ["pmo", "department_head"],
    needsReason: false,
  },
  {
    action: "realise",
    from: ["in_implementation"],
    to: "realised",
    roles: ["pmo", "department_head"],
    needsReason: false,
  },
];

/** College decisions: the body's decision, never individual votes. */
export const DECISION_ACTIONS: readonly ProposalAction[] = [
  "approve",
  "approveWithAmendments",
  "reject",
  "defer",
];
export const DECISION_OUTCOMES = [
  "approved",
  "approved_with_amendments",
  "rejected",
  "deferred",
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * Roles held in the proposal's own unit. The other roles act for the whole organisation
 * (a membership in any unit of the organisation counts).
 */
export const UNIT_SCOPED_PROPOSAL_ROLES: readonly Role[] = ["department_head", "manager"];

/** Roles that sit as one body: their actions are shown as the body's, not a person's. */
export const BODY_ROLES: readonly Role[] = ["management_team", "college"];

/** Who may lift a proposal to organisation level, and in which stages. */
export const LIFT_ROLES: readonly Role[] = ["management_team"];
export const LIFT_STAGES: readonly ProposalStage[] = ["forwarded", "validated"];

/** Who bundles validated proposals into a package for a college meeting. */
export const PACKAGE_ROLES: readonly Role[] = ["management_team"];
export const PACKAGEABLE_STAGES: readonly ProposalStage[] = ["validated", "advised", "deferred"];

/** Stages in which the author may still edit the content and the implementation plan. */
export const EDITABLE_STAGES: readonly ProposalStage[] = ["draft", "adjustments_requested"];

/** Before the college decides, the management team owns the debate; afterwards the college. */
export function debateOwnerRole(stage: ProposalStage): Role {
  const collegeStages: readonly ProposalStage[] = [
    "approved",
    "approved_with_amendments",
    "rejected",
    "deferred",
    "in_implementation",
    "realised",
  ];
  return collegeStages.includes(stage) ? "college" : "management_team";
}

export const POLICY_PRIORITIES = ["high", "medium", "low"] as const;
export type PolicyPriority = (typeof POLICY_PRIORITIES)[number];

export const SMART_CRITERIA = [
  "specific",
  "measurable",
  "achievable",
  "relevant",
  "timeBound",
] as const;
export type SmartCriterion = (typeof SMART_CRITERIA)[number];

export interface SmartCriterionCheck {
  met: boolean;
  justification?: string | null;
}
export type SmartCriteria = Partial<Record<SmartCriterion, SmartCriterionCheck | null>>;

/**
 * Quality score 0-100: the share of the five criteria that are met AND justified.
 * A criterion ticked without a justification does not count: the memo asks for objective
 * grounding, not self-assessment.
 */
export function deriveSmartScore(criteria: SmartCriteria | null | undefined): number {
  let counted = 0;
  for (const key of SMART_CRITERIA) {
    const check = criteria?.[key];
    if (check?.met && (check.justification ?? "").trim().length > 0) counted += 1;
  }
  return Math.round((counted / SMART_CRITERIA.length) * 100);
}

export function transitionFor(action: ProposalAction): ProposalTransition {
  const transition = PROPOSAL_TRANSITIONS.find((t) => t.action === action);
  if (!transition) throw new Error(`unknown proposal action: ${action}`);
  return transition;
}

/** Transitions leaving `stage` (whatever the role). */
export function transitionsFrom(stage: ProposalStage): ProposalTransition[] {
  return PROPOSAL_TRANSITIONS.filter((t) => t.from.includes(stage));
}

/** Roles that act on a proposal in `stage` (who "handles it now"). */
export function handlerRolesOf(stage: ProposalStage): Role[] {
  return [...new Set(transitionsFrom(stage).flatMap((t) => t.roles))];
}

/** Maximum length of texts, shared by form validation and the server. */
export const PROPOSAL_LIMITS = {
  title: 200,
  text: 10000,
  reason: 2000,
  justificationItems: 30,
  attachments: 20,
} as const;

/** Comments: their author may edit them for this long after posting. */
export const COMMENT_EDIT_MINUTES = 15;
export const COMMENT_MAX_LENGTH = 5000;
export const COMMENT_TARGET_KINDS = [
  "proposal",
  "objective",
  "measurementPoint",
  "plan",
  "project",
] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];
