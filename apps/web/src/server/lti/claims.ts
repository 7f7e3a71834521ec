// The LTI 1.3 claims Critic reads from a launch's id_token (IMS LTI Core 1.3, AGS 2.0, NRPS 2.0, DL 2.0).
import type { CourseRole } from '@critic/db';
import { z } from 'zod';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinking: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
} as const;

/** The launch claims Critic uses, validated (unknown claims pass through untouched). */
export const LaunchClaims = z.object({
  sub: z.string().min(1, 'a launch needs a user (sub)').max(255),
  email: z.email().optional(),
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  [CLAIM.messageType]: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  [CLAIM.version]: z.literal('1.3.0'),
  [CLAIM.deploymentId]: z.string().min(1),
  [CLAIM.roles]: z.array(z.string()),
  [CLAIM.context]: z.object({
    id: z.string().min(1),
    title: z.string().optional(),
    label: z.string().optional(),
  }),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1), title: z.string().optional() }).optional(),
  [CLAIM.targetLinkUri]: z.string().optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.ags]: z
    .object({
      scope: z.array(z.string()).default([]),
      lineitems: z.url().optional(),
      lineitem: z.url().optional(),
    })
    .optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: z.url() }).optional(),
  [CLAIM.deepLinking]: z
    .object({
      deep_link_return_url: z.url(),
      data: z.string().optional(),
      accept_types: z.array(z.string()).optional(),
    })
    .optional(),
});
export type LaunchClaims = z.infer<typeof LaunchClaims>;

const INSTRUCTOR = /#(Instructor|Administrator|ContentDeveloper)$|\/membership\/Instructor$/;
const TA = /#TeachingAssistant$|\/membership\/Instructor#TeachingAssistant$|#Mentor$/;

/**
 * Critic's course role of LTI roles: a teaching assistant (`…/membership/Instructor#TeachingAssistant`)
 * is a TA; an instructor, administrator or content developer is an instructor; anyone else a student.
 */
export function courseRoleOf(roles: readonly string[]): CourseRole {
  if (roles.some((r) => TA.test(r))) return 'ta';
  if (roles.some((r) => INSTRUCTOR.test(r))) return 'instructor';
  return 'student';
}

/** A person's display name from the claims (name, else given + family name, else the email's local part). */
export function displayNameOf(c: {
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
}): string {
  const joined = [c.given_name, c.family_name].filter(Boolean).join(' ').trim();
  return (c.name?.trim() || joined || c.email?.split('@')[0] || 'LMS user').slice(0, 200);
}
