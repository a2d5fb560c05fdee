"""Writes of the advice desk, one module per part: `access` (reading a case, logged),
`cases`, `documents`, `plans`, `trajectories`, `rights`. Every service that touches a
person's data takes the actor and writes the processing log in the same transaction."""
