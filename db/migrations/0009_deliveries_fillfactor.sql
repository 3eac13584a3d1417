-- The engine (issue 14): a claim writes each delivery's lease (leased_by, lease_expires_at), columns no
-- index holds, so PostgreSQL can update the row in place (HOT: no new index entries) if its page has room
-- for the new version. A claim takes rows that were inserted together, so a whole page at once: pages
-- filled to half leave room for all of them. Measured (batches of 100, 14,900 deliveries): 46 % of the
-- row updates were HOT against 7 % at the default fill, and PostgreSQL spent about a fifth less CPU per
-- delivery; the table takes about 1.6 times the space. Only pages written from now on are affected.
ALTER TABLE "deliveries" SET (fillfactor = 50);
