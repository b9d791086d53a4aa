import { graphql } from "../../gql";

export const ProposalCardFields = graphql(`
  fragment ProposalCard_proposal on Proposal {
    id
    stage
    level
    title {
      text
    }
    orgUnit {
      id
      code
      name
    }
    expectedImpact {
      savingsPerYear
    }
    smart {
      score
    }
  }
`);

export const ProposalsBoardQuery = graphql(`
  query ProposalsBoard {
    viewer {
      id
      memberships {
        role
        orgUnit {
          id
          code
          name
        }
      }
    }
    proposalUnits {
      id
      code
      name
    }
    proposals {
      id
      ...ProposalCard_proposal
    }
  }
`);

export const ProposalPageQuery = graphql(`
  query ProposalPage($id: ID!) {
    proposal(id: $id) {
      id
      stage
      level
      version
      title {
        text
        isFallback
      }
      problem {
        text
        isFallback
      }
      proposal {
        text
        isFallback
      }
      orgUnit {
        id
        code
        name
      }
      author {
        id
        name
      }
      justification {
        text
        source
      }
      expectedImpact {
        savingsPerYear
        quality
        fte
      }
      smart {
        score
        specific {
          met
          justification
        }
        measurable {
          met
          justification
        }
        achievable {
          met
          justification
        }
        relevant {
          met
          justification
        }
        timeBound {
          met
          justification
        }
      }
      attachments {
        label
        url
      }
      package {
        id
        title
        meetingDate
      }
      projectId
      realisedSavings
      decision {
        outcome
        text
        at
      }
      advice {
        text
        priority
        at
      }
      debatePublished
      history {
        from
        to
        action
        at
        role
        actor {
          id
          name
        }
        reason
      }
      implementationPlanDoc
      viewerCanEdit
      viewerCanReadDebate
      viewerCanComment
      viewerCanPublishDebate
      viewerCanLift
      viewerCanPackage
      viewerCanWritePlan
      viewerActions
      createdAt
      updatedAt
    }
  }
`);

export const TransitionProposalMutation = graphql(`
  mutation TransitionProposal($id: ID!, $version: Int!, $input: ProposalTransitionInput!) {
    transitionProposal(id: $id, version: $version, input: $input) {
      id
      stage
      version
    }
  }
`);

export const CreateProposalMutation = graphql(`
  mutation CreateProposal($input: CreateProposalInput!) {
    createProposal(input: $input) {
      id
    }
  }
`);

export const UpdateProposalMutation = graphql(`
  mutation UpdateProposal($id: ID!, $version: Int!, $input: ProposalInput!) {
    updateProposal(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const LiftProposalMutation = graphql(`
  mutation LiftProposal($id: ID!, $version: Int!) {
    liftProposal(id: $id, version: $version) {
      id
      level
      version
    }
  }
`);

export const PublishDebateMutation = graphql(`
  mutation PublishProposalDebate($id: ID!, $version: Int!) {
    publishProposalDebate(id: $id, version: $version) {
      id
      debatePublished
      version
    }
  }
`);

export const ProposalPackagesQuery = graphql(`
  query ProposalPackages {
    proposalPackages {
      id
      title
      meetingDate
    }
  }
`);

export const CreatePackageMutation = graphql(`
  mutation CreateProposalPackage($input: CreateProposalPackageInput!) {
    createProposalPackage(input: $input) {
      id
      title
      meetingDate
    }
  }
`);

export const SetPackageMutation = graphql(`
  mutation SetProposalPackage($id: ID!, $version: Int!, $packageId: ID) {
    setProposalPackage(id: $id, version: $version, packageId: $packageId) {
      id
      version
      package {
        id
        title
        meetingDate
      }
    }
  }
`);

export const ProjectChoicesQuery = graphql(`
  query ProposalProjectChoices {
    portfolio {
      id
      projects {
        id
        code
        name {
          text
        }
      }
    }
  }
`);
