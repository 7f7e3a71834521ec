// Shapes of the LMS (LTI) settings API as the pages read them (see server/routes/lti-course.ts).

export interface LtiPlatformInfo {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  keysetUrl: string;
  deploymentIds: string[];
}

export interface LtiGradeLogEntry {
  id: number;
  assignmentId: string;
  assignmentTitle: string;
  userName: string;
  userEmail: string;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'sent' | 'superseded';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface LtiLineItemInfo {
  id: string;
  assignmentId: string;
  assignmentTitle: string;
  assignmentKind: 'agent' | 'checks';
  contextId: string;
  url: string;
  scoreMaximum: number;
  gradeZeroAt: number | null;
  gradeFullAt: number | null;
}

export interface LtiSettings {
  tool: { login: string; launch: string; jwks: string; deepLinking: string };
  registrationUrl: string;
  platforms: LtiPlatformInfo[];
  contexts: { platformId: string; contextId: string; title: string | null; roster: boolean }[];
  lineItems: LtiLineItemInfo[];
  grades: LtiGradeLogEntry[];
}
