/** Spiking-network simulation. Knows no filter, observation or MPI. */
package doka.engine;
