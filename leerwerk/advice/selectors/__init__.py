"""Reads of the advice desk, one module per part: `access` (whose cases a user may see),
`queue`, `plans`, `trajectories`, `rights`."""
