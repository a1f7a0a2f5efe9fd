/** The knowledge base the pipeline answers from: short product notes, each tagged with its product. */
export interface Note {
  id: number
  product: 'skates' | 'jetpack'
  text: string
}

export const NOTES: Note[] = [
  { id: 1, product: 'skates', text: 'Acme Rocket Skates have a top speed of 40 km/h on flat ground.' },
  { id: 2, product: 'skates', text: 'The skates charge fully in 2 hours from a standard outlet.' },
  { id: 3, product: 'skates', text: 'Acme Rocket Skates come in red and black.' },
  { id: 4, product: 'jetpack', text: 'The Acme Jetpack has a top speed of 120 km/h.' },
  { id: 5, product: 'jetpack', text: 'Jetpack fuel lasts 15 minutes of flight.' },
]
