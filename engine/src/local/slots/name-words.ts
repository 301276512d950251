/** Words that start phrases such as "I'm looking for…" and are never part of a person's name. */
export const NOT_A_NAME = new Set(
  (
    "i me my mine you your we us our they them it its he she his her a an the and or but so not no yes yeah yep " +
    "sure ok okay hi hello hey here there from at with of in on for to by as just also really very still " +
    "currently interested looking calling writing wondering trying planning hoping based located fine good " +
    "great well happy glad sorry afraid ready new why what who how when where which do does did need want " +
    "would like please thanks thank none nobody anonymous prefer rather skip pass is am are was be have has " +
    "that this these those name called named company business team work working email phone number " +
    "budget timeline interested available free busy back again only " +
    // Portuguese and Spanish words that start such phrases.
    "eu meu minha nos nosso nossa voce ele ela o os as um uma e ou mas sim nao oi ola obrigado obrigada " +
    "quero queria preciso gostaria estou procurando interessado interessada aqui de do da em no na para por com " +
    "yo mi mis nosotros usted el la los las un una y pero si no hola gracias quiero quisiera necesito estoy " +
    "buscando interesada en del con porque que como cuando donde nome empresa nombre"
  ).split(" "),
);

/** Lower-case words that may sit inside a name: "Ana de la Cruz", "Ludwig van Beethoven". */
export const NAME_PARTICLES = new Set([
  "de",
  "da",
  "del",
  "della",
  "der",
  "di",
  "du",
  "la",
  "le",
  "van",
  "von",
  "bin",
  "al",
]);
