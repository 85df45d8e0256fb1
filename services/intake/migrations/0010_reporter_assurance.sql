-- How well a citizen reporter proved who they are (issue 9). The tenant's minimum for a report to
-- count as made by a verified citizen; levels compare by rank (libs/auth/assurance.h), so
-- EID_CHALLENGE also admits ITSME, FAS_EID and FAS_ITSME. Copied eID card files (EID_DATA) do
-- not make a verified reporter unless the tenant lowers it.
ALTER TABLE tenants ADD COLUMN verified_report_assurance text NOT NULL DEFAULT 'EID_CHALLENGE'
  CHECK (verified_report_assurance IN ('FAS_LOW', 'EID_DATA', 'EID_CHALLENGE'));

-- The citizen reporter's session level when reporting (NULL for guests, staff, integrations),
-- and whether it met the tenant's minimum then: a later change of policy does not rewrite what a
-- report was.
ALTER TABLE reports
  ADD COLUMN reporter_assurance text
    CHECK (reporter_assurance IN ('EID_DATA', 'EID_CHALLENGE', 'ITSME', 'FAS_EID', 'FAS_ITSME',
                                  'FAS_LOW')),
  ADD COLUMN reporter_verified boolean NOT NULL DEFAULT false,
  ADD CHECK (reporter_assurance IS NOT NULL OR NOT reporter_verified);
