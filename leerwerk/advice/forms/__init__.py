"""The advice desk's forms, one module per part: `cases`, `documents`, `plans`, `trajectories`."""
