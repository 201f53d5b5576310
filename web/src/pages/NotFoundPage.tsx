import { MessagePage } from '../components/MessagePage';

export default function NotFoundPage() {
  return <MessagePage code="404" title="Página não encontrada" text="O endereço não existe ou foi movido." />;
}
