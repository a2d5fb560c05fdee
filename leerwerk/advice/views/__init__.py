"""The advisers' workspace pages and the resident's plan pages, one module per part.
Every page finds its case through `services.access.read_case` or the selectors of
`selectors.access`, so a case outside the user's regions is a 404."""
