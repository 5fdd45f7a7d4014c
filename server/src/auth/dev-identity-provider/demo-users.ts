import type { RoleName } from '@trustops/contracts';

/** One entry of NHS CIS2's `nhsid_nrbac_roles` claim: a role the person holds at an organisation. */
export interface NationalRbacRole {
  person_orgid: string;
  person_roleid: string;
  org_code: string;
  role_name: string;
  role_code: string;
  activities: string[];
  activity_codes: string[];
}

/** A person the development identity provider can sign in, with CIS2-shaped claims. */
export interface DemoUser {
  /** `sub`, equal to `nhsid_useruid` as in CIS2. */
  subject: string;
  /** The TrustOps role this person demonstrates; null for someone whose claims map to no role. */
  role: RoleName | null;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  jobTitle: string;
  nationalRbacRoles: NationalRbacRole[];
  /** `selected_roleid`: the `person_roleid` chosen at sign-in. */
  selectedRoleId: string;
}

/** The organisation every demo user works for: a fictional Trust with an unassigned ODS code. */
export const DEMO_ORGANISATION = {
  odsCode: 'RZZ',
  name: 'Northbridge University Hospitals NHS Foundation Trust',
} as const;

/**
 * National RBAC codes that exist only in the development identity provider. They map to TrustOps
 * roles only while it is in use (see role-mapping.ts), so a real CIS2 token can never carry them
 * into an administrator role by default.
 */
export const DEVELOPMENT_ROLE_CODES: Record<Exclude<RoleName, 'clinician'>, string> = {
  analyst: 'S9990:G9990:R9001',
  operator: 'S9990:G9990:R9002',
  supervisor: 'S9990:G9990:R9003',
  compliance: 'S9990:G9990:R9004',
  admin: 'S9990:G9990:R9005',
};

function rbacRole(
  personRoleId: string,
  roleCode: string,
  roleName: string,
  activityCodes: string[] = [],
): NationalRbacRole {
  return {
    person_orgid: `${personRoleId.slice(0, 9)}000`,
    person_roleid: personRoleId,
    org_code: DEMO_ORGANISATION.odsCode,
    role_name: roleName,
    role_code: roleCode,
    activities: activityCodes.map((code) => `Activity ${code}`),
    activity_codes: activityCodes,
  };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    subject: '910000000101',
    role: 'clinician',
    name: 'Dr Aisha Rahman',
    givenName: 'Aisha',
    familyName: 'Rahman',
    email: 'aisha.rahman@nhs.net',
    jobTitle: 'Consultant in Emergency Medicine',
    nationalRbacRoles: [
      rbacRole(
        '555000000101',
        'S8000:G8000:R8000',
        '"Clinical":"Clinical Provision":"Clinical Practitioner Access Role"',
        ['B0360', 'B0420'],
      ),
    ],
    selectedRoleId: '555000000101',
  },
  {
    subject: '910000000102',
    role: 'analyst',
    name: 'Tom Whitaker',
    givenName: 'Tom',
    familyName: 'Whitaker',
    email: 'tom.whitaker@nhs.net',
    jobTitle: 'Integration Analyst, Trust Integration Engine team',
    nationalRbacRoles: [
      rbacRole('555000000102', DEVELOPMENT_ROLE_CODES.analyst, '"TrustOps development":"Integration analyst"'),
    ],
    selectedRoleId: '555000000102',
  },
  {
    subject: '910000000103',
    role: 'operator',
    name: 'Grace Okafor',
    givenName: 'Grace',
    familyName: 'Okafor',
    email: 'grace.okafor@nhs.net',
    jobTitle: 'Digital Service Desk Operator',
    nationalRbacRoles: [rbacRole('555000000103', DEVELOPMENT_ROLE_CODES.operator, '"TrustOps development":"Operator"')],
    selectedRoleId: '555000000103',
  },
  {
    subject: '910000000104',
    role: 'supervisor',
    name: 'Siobhan Murphy',
    givenName: 'Siobhan',
    familyName: 'Murphy',
    email: 'siobhan.murphy@nhs.net',
    jobTitle: 'Clinical Systems Manager',
    // Two roles, as many CIS2 users have; only the selected one counts at sign-in.
    nationalRbacRoles: [
      rbacRole('555000000114', 'S8000:G8000:R8001', '"Clinical":"Clinical Provision":"Nurse Access Role"', ['B0360']),
      rbacRole('555000000104', DEVELOPMENT_ROLE_CODES.supervisor, '"TrustOps development":"Supervisor"'),
    ],
    selectedRoleId: '555000000104',
  },
  {
    subject: '910000000105',
    role: 'compliance',
    name: 'David Evans',
    givenName: 'David',
    familyName: 'Evans',
    email: 'david.evans@nhs.net',
    jobTitle: 'Information Governance Lead',
    nationalRbacRoles: [
      rbacRole('555000000105', DEVELOPMENT_ROLE_CODES.compliance, '"TrustOps development":"Compliance officer"'),
    ],
    selectedRoleId: '555000000105',
  },
  {
    subject: '910000000106',
    role: 'admin',
    name: 'Priya Shah',
    givenName: 'Priya',
    familyName: 'Shah',
    email: 'priya.shah@nhs.net',
    jobTitle: 'Digital Services Administrator',
    nationalRbacRoles: [
      rbacRole('555000000106', DEVELOPMENT_ROLE_CODES.admin, '"TrustOps development":"Administrator"'),
    ],
    selectedRoleId: '555000000106',
  },
  {
    subject: '910000000107',
    role: null,
    name: 'Jamie Patel',
    givenName: 'Jamie',
    familyName: 'Patel',
    email: 'jamie.patel@nhs.net',
    jobTitle: 'Ward Clerk (no TrustOps role: sees the "no access" pages)',
    nationalRbacRoles: [rbacRole('555000000107', 'S9990:G9990:R9000', '"TrustOps development":"Ward clerk"')],
    selectedRoleId: '555000000107',
  },
];

export function findDemoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.subject === subject);
}
