import { graphql } from "../../gql";

/**
 * Everything the room shows, in one fragment: the page query and every subscription event carry
 * it, so Apollo's cache (normalised by id) keeps all screens in step with the facilitator.
 * Poll results and vote totals come back null for participants until revealed (server side).
 */
export const SeminarRoomFragment = graphql(`
  fragment SeminarRoom_seminar on Seminar {
    id
    title
    date
    version
    dotsPerParticipant
    viewerIsFacilitator
    viewerIsParticipant
    reportUrl
    orgUnit {
      id
      code
      name
    }
    facilitator {
      id
      name
    }
    participants {
      id
      name
    }
    timer {
      endsAt
      pausedRemainingMs
      serverNow
    }
    currentSession {
      id
    }
    sessions {
      id
      title
      kind
      boards {
        id
        kind
        title
        docName
        locked
        votesRevealed
        viewerCanEdit
        myDotsLeft
        dotsPlaced
        myDots {
          id
          noteId
        }
        voteTotals {
          noteId
          text
          quadrant
          dots
          rank
          tied
        }
      }
      polls {
        id
        question
        kind
        scaleMin
        scaleMax
        open
        revealed
        answerCount
        options {
          id
          label
        }
        myAnswer {
          optionIds
          value
          text
        }
        results {
          respondents
          average
          options {
            option {
              id
              label
            }
            count
          }
          scale {
            value
            count
          }
          words {
            word
            count
          }
        }
      }
    }
    outcomes {
      plan {
        id
        title {
          text
        }
        status
      }
      objectives {
        id
        code
        kind
        title {
          text
        }
      }
    }
  }
`);

export const SeminarRoomQuery = graphql(`
  query SeminarRoom($id: ID!) {
    seminar(id: $id) {
      ...SeminarRoom_seminar
    }
  }
`);

export const SeminarEventsSubscription = graphql(`
  subscription SeminarRoomEvents($seminarId: ID!) {
    seminarEvents(seminarId: $seminarId) {
      kind
      seminar {
        ...SeminarRoom_seminar
      }
    }
  }
`);
