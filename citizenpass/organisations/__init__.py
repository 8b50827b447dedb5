"""Organisations: the metropolis, its communes, operators and schools."""
