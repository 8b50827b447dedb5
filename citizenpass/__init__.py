"""CitizenPass: the citizen-account portal of a metropolis and its communes."""
